"""Frozen record classes, built cheaply: the engine's values and the contract's shapes.

`dataclasses` takes about 1.5 ms to build one frozen, slotted class here (it ``exec``s several
methods and then rebuilds the class for its slots); the library declares about ninety, which
alone put the command line's start-up over its budget. `record` and `shape` build the same kind of
class (slots, frozen, value equality, hashing, a readable repr, pickling) with one ``type()`` call
and one ``exec``, about ten times faster. Both are marked with PEP 681's `dataclass_transform`, so
type checkers treat them as dataclasses. No I/O; standard library only.

Fields are the class's annotations in order (``ClassVar`` ones excluded); a default is a plain
value or a `field`/`spec` with metadata. Mutable defaults are refused: use ``default_factory``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = [
    "REQUIRED",
    "Field",
    "FrozenInstanceError",
    "field",
    "fields_of",
    "is_record",
    "record",
    "replace",
    "shape",
    "spec",
]

_T = TypeVar("_T")


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "REQUIRED"

    def __reduce__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Missing()
"""Marks a field without a default."""


class FrozenInstanceError(AttributeError):
    """An attempt to change a field of a frozen record."""


class Field:
    """One field of a record: its name, annotation (as written), default and metadata."""

    __slots__ = ("default", "default_factory", "metadata", "name", "type")

    def __init__(
        self,
        default: Any = REQUIRED,
        default_factory: Callable[[], Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        """A field specification (the name and type are filled in when the class is built)."""
        self.name = ""
        self.type: Any = None
        self.default = default
        self.default_factory = default_factory
        self.metadata: Mapping[str, Any] = dict(metadata or {})

    @property
    def required(self) -> bool:
        """Whether the field has neither a default nor a factory."""
        return self.default is REQUIRED and self.default_factory is None


def field(
    *,
    default: Any = REQUIRED,
    default_factory: Callable[[], Any] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Any:
    """A field with a default, a default factory, or metadata."""
    return Field(default, default_factory, metadata)


def spec(*, doc: str, default: Any = REQUIRED, **metadata: Any) -> Any:
    """A documented field of a shape; the constraints are read by `vascular.contract`.

    Args:
        doc: what the field means, for people (it becomes the JSON Schema description).
        default: the value when the field is left out; leave it out for a required field.
        **metadata: constraints for `vascular.contract`: strip, min_length, max_length,
            pattern, ge, le, message, normalise, dump_default, in_json, ref.
    """
    if isinstance(default, list | dict | set):
        raise TypeError("mutable defaults are not allowed in shapes; use a tuple")
    pattern = metadata.get("pattern")
    metadata = {
        "doc": doc,
        **metadata,
        "pattern": re.compile(pattern) if pattern else None,
        "pattern_text": pattern,
    }
    return Field(default, None, metadata)


def _rebuild(cls: type[_T], values: tuple[Any, ...]) -> _T:
    """A record from its field values, without running __init__ (pickling, `replace`)."""
    instance = object.__new__(cls)
    for item, value in zip(cls.__fields__, values, strict=True):  # type: ignore[attr-defined]
        object.__setattr__(instance, item.name, value)
    return instance


def fields_of(cls_or_instance: Any) -> tuple[Field, ...]:
    """The fields of a record class or instance, in order."""
    return cls_or_instance.__fields__  # type: ignore[no-any-return]


def is_record(value: Any) -> bool:
    """Whether a value is a record or shape instance (not a class)."""
    return not isinstance(value, type) and hasattr(type(value), "__fields__")


def replace(instance: _T, **changes: Any) -> _T:
    """A copy of a record with some fields replaced (fields are not checked again)."""
    cls = type(instance)
    fields = fields_of(cls)
    unknown = set(changes) - {f.name for f in fields}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
    return _rebuild(
        cls,
        tuple(changes[f.name] if f.name in changes else getattr(instance, f.name) for f in fields),
    )


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")


def _build(cls: type, kw_only: bool) -> type:
    if any(hasattr(base, "__fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: records do not inherit from records")
    annotations: dict[str, Any] = dict(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063 - own fields only; inspect costs start-up time
    fields: list[Field] = []
    for name, annotation in annotations.items():
        if "ClassVar" in str(annotation):
            continue
        value = cls.__dict__.get(name, REQUIRED)
        item = value if isinstance(value, Field) else Field(default=value)
        if isinstance(item.default, list | dict | set):
            raise TypeError(f"{cls.__name__}.{name}: mutable default; use default_factory")
        item.name = name
        item.type = annotation
        fields.append(item)
    names = tuple(f.name for f in fields)
    if not kw_only:
        seen_default = False
        for item in fields:
            if not item.required:
                seen_default = True
            elif seen_default:
                raise TypeError(f"{cls.__name__}.{item.name}: a required field after a default")
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in names and key not in ("__dict__", "__weakref__")
    }
    namespace["__slots__"] = names
    namespace["__fields__"] = tuple(fields)
    namespace["__init__"] = _init(cls.__name__, fields, kw_only)
    getter = operator.attrgetter(*names) if names else (lambda _: ())
    single = len(names) == 1

    def values(self: Any) -> tuple[Any, ...]:
        found = getter(self)
        return (found,) if single else found

    def _eq(self: Any, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented  # type: ignore[no-any-return]
        return bool(getter(self) == getter(other))

    def _hash(self: Any) -> int:
        return hash(getter(self))

    def _repr(self: Any) -> str:
        return (
            f"{type(self).__name__}("
            + ", ".join(
                f"{name}={value!r}" for name, value in zip(names, values(self), strict=True)
            )
            + ")"
        )

    def _reduce(self: Any) -> tuple[Any, ...]:
        return (_rebuild, (type(self), values(self)))

    namespace.update(
        __eq__=_eq,
        __hash__=_hash,
        __repr__=_repr,
        __reduce__=_reduce,
        __setattr__=_frozen_setattr,
        __delattr__=_frozen_delattr,
    )
    built = type(cls.__name__, cls.__bases__, namespace)
    built.__qualname__ = cls.__qualname__
    return built


def _init(class_name: str, fields: list[Field], kw_only: bool) -> Callable[..., None]:
    env: dict[str, Any] = {"_set": object.__setattr__, "_REQUIRED": REQUIRED}
    params = []
    body = []
    for item in fields:
        name = item.name
        if item.default_factory is not None:
            env[f"_f_{name}"] = item.default_factory
            params.append(f"{name}=_REQUIRED")
            body.append(f"    _set(self, {name!r}, _f_{name}() if {name} is _REQUIRED else {name})")
            continue
        if item.required:
            params.append(name)
        else:
            env[f"_d_{name}"] = item.default
            params.append(f"{name}=_d_{name}")
        body.append(f"    _set(self, {name!r}, {name})")
    signature = ("*, " if kw_only and params else "") + ", ".join(params)
    source = f"def __init__(self{', ' if signature else ''}{signature}):\n"
    source += "\n".join(body) if body else "    pass"
    exec(source, env)
    init = env["__init__"]
    init.__qualname__ = f"{class_name}.__init__"
    return init  # type: ignore[no-any-return]


@overload
def record(cls: type[_T], /) -> type[_T]: ...
@overload
def record(*, kw_only: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field, spec, Field))
def record(cls: type[_T] | None = None, /, *, kw_only: bool = False) -> Any:
    """Make a class a frozen, slotted record (positional fields unless `kw_only`)."""
    if cls is None:
        return lambda inner: _build(inner, kw_only)
    return _build(cls, kw_only)


@dataclass_transform(
    frozen_default=True, kw_only_default=True, field_specifiers=(field, spec, Field)
)
def shape(cls: type[_T]) -> type[_T]:
    """Make a class a shape: a frozen, slotted, keyword-only record (`vascular.contract`)."""
    return _build(cls, kw_only=True)
