"""Declared JSON shapes: parse with every problem collected, dump to JSON, generate JSON Schema.

Standard library only, so the command line starts fast and batch workers parse cheaply (pydantic's
core alone takes about 100 ms to import, and msgspec stops at the first problem, while a coder
needs every problem of a case at once). A shape is a frozen, slotted, keyword-only dataclass whose
fields are declared with `spec`: a description (it reaches the JSON Schema), a default, and
constraints (pattern, lengths, bounds, choices). `parse` walks a JSON value against a shape and
returns the instance, or raises `ShapeError` listing every problem with its JSON path. No I/O.

Supported field types: str, int, float, bool, None, `Literal[...]`, unions of these, `list[T]` and
`tuple[T, ...]` (parsed to tuples), `dict[str, T]`, and nested shapes. A shape may define
``_after_parse(self, where, problems, context)`` for checks across fields or against data (the
rule tables give the allowed option values); it returns the instance to keep, possibly replaced.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar, get_args, get_origin

from vascular.frozen import REQUIRED, fields_of, is_record, record, shape, spec

__all__ = [
    "REQUIRED",
    "Problem",
    "Ref",
    "ShapeError",
    "dump",
    "json_schema",
    "parse",
    "path_join",
    "references",
    "shape",
    "spec",
]

_T = TypeVar("_T")

Ref = Literal["code", "rule", "source", "vessel"]
"""What a referencing field names (metadata ``ref`` of `spec`)."""

MAX_DEPTH = 32
"""Deepest nesting of lists and objects a shape accepts; deeper input is a problem, not a crash."""


@record
class Problem:
    """One thing wrong with a value: where (a JSON path) and what."""

    where: str
    message: str


class ShapeError(ValueError):
    """A value does not fit its shape; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep every problem."""
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.where or 'value'}: {p.message}" for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the problems intact (batch workers send errors across processes)."""
        return (type(self), (list(self.problems),))


def _at(where: Any) -> str:
    """A JSON path from a lazy (parent, key) pair, built only when a problem is reported."""
    if isinstance(where, tuple):
        return path_join(_at(where[0]), where[1])
    return str(where)


def path_join(where: str, key: str | int) -> str:
    """'placements' + 2 -> 'placements[2]'; 'case' + 'vessel' -> 'case.vessel'."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


# --- parsing --------------------------------------------------------------------------------------

_INVALID = object()
_Checker = Callable[[Any, Any, list[Problem], Any, int], Any]
"""A field check: (value, where (a path or a lazy (parent, key) pair), problems, context, depth)."""


@record
class _Field:
    name: str
    required: bool
    default: Any
    check: _Checker
    meta: Mapping[str, Any]


_PLANS: dict[type, tuple[tuple[_Field, ...], frozenset[str]]] = {}
_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}


def parse(cls: type[_T], value: Any, where: str = "", context: Any = None) -> _T:
    """The shape `cls` read from a JSON value.

    Args:
        cls: the shape.
        value: parsed JSON (dicts, lists, strings, numbers, booleans, None).
        where: the JSON path of `value`, prefixed to every problem.
        context: passed to the shapes' ``_after_parse`` hooks (the rule book, say).

    Raises:
        ShapeError: every problem found, each with its JSON path.
    """
    problems: list[Problem] = []
    result = _parse_shape(cls, value, where, problems, context, 0)
    if problems or result is _INVALID:
        raise ShapeError(problems or [Problem(where, "invalid")])
    return typing.cast(_T, result)


def _plan(cls: type) -> tuple[tuple[_Field, ...], frozenset[str]]:
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        fields = []
        for item in fields_of(cls):
            meta = item.metadata
            if "doc" not in meta:
                raise TypeError(f"{cls.__name__}.{item.name} is not declared with spec()")
            if not meta.get("in_json", True):
                continue
            fields.append(
                _Field(
                    item.name, item.required, item.default, _checker(hints[item.name], meta), meta
                )
            )
        plan = (tuple(fields), frozenset(f.name for f in fields))
        _PLANS[cls] = plan
    return plan


def _parse_shape(
    cls: type, value: Any, where: Any, problems: list[Problem], context: Any, depth: int
) -> Any:
    if value.__class__ is not dict:
        problems.append(Problem(_at(where), f"must be an object (got {_kind(value)})"))
        return _INVALID
    if depth > MAX_DEPTH:
        problems.append(Problem(_at(where), f"nested more than {MAX_DEPTH} levels deep"))
        return _INVALID
    plan, known = _PLANS.get(cls) or _plan(cls)
    before = len(problems)
    if not known.issuperset(value):
        for key in value:
            if key not in known:
                problems.append(
                    Problem(
                        path_join(_at(where), str(key)),
                        "unknown field (check its spelling against the case format)",
                    )
                )
    values: dict[str, Any] = {}
    for item in plan:
        name = item.name
        if name not in value:
            if item.required:
                problems.append(Problem(path_join(_at(where), name), "required"))
            continue
        checked = item.check(value[name], (where, name), problems, context, depth + 1)
        if checked is not _INVALID:
            values[name] = checked
    if len(problems) > before:
        return _INVALID
    instance = cls(**values)
    hook = getattr(instance, "_after_parse", None)
    if hook is not None:
        instance = hook(_at(where), problems, context)
        if len(problems) > before:
            return _INVALID
    return instance


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, int) and value.bit_length() > 64:
        return "a very long number"  # repr() of a 5,000-digit number is refused by Python itself
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= 20 else "a very long number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _checker(hint: Any, meta: Mapping[str, Any]) -> _Checker:
    inner = _type_checker(hint)
    normalise = meta.get("normalise")
    message = meta.get("message")
    constraints = _constraint_checker(meta)

    def check(value: Any, where: Any, problems: list[Problem], context: Any, depth: int) -> Any:
        if normalise is not None:
            value = normalise(value)
        if meta.get("strip") and isinstance(value, str):
            value = value.strip()
        if message is None:
            result = inner(value, where, problems, context, depth)
        else:
            scratch: list[Problem] = []
            result = inner(value, where, scratch, context, depth)
            if result is _INVALID:
                if any(p.where != _at(where) for p in scratch):
                    problems += scratch
                elif callable(message):
                    problems.append(Problem(_at(where), message(value)))
                else:
                    problems.append(Problem(_at(where), f"{message} (got {_kind(value)})"))
        if result is _INVALID or constraints is None:
            return result
        return constraints(result, where, problems)

    return check


def _constraint_checker(
    meta: Mapping[str, Any],
) -> Callable[[Any, str, list[Problem]], Any] | None:
    low, high = meta.get("min_length"), meta.get("max_length")
    pattern, ge, le = meta.get("pattern"), meta.get("ge"), meta.get("le")
    if low is None and high is None and pattern is None and ge is None and le is None:
        return None

    def constrain(value: Any, where: str, problems: list[Problem]) -> Any:
        if isinstance(value, str | tuple):
            unit = "character" if isinstance(value, str) else "item"
            if low is not None and len(value) < low:
                if isinstance(value, str) and low == 1:
                    problems.append(Problem(_at(where), "must not be empty"))
                else:
                    problems.append(Problem(_at(where), f"needs at least {low} {unit}{_s(low)}"))
                return _INVALID
            if high is not None and len(value) > high:
                problems.append(Problem(_at(where), f"has more than {high} {unit}s"))
                return _INVALID
        if isinstance(value, str) and pattern is not None and not pattern.fullmatch(value):
            message = meta.get("message")
            problems.append(
                Problem(
                    _at(where),
                    message(value)
                    if callable(message)
                    else f"{_kind(value)} does not fit the pattern {meta['pattern_text']}",
                )
            )
            return _INVALID
        if isinstance(value, int | float) and not isinstance(value, bool):
            if ge is not None and value < ge:
                problems.append(Problem(_at(where), f"must be at least {ge:g}"))
                return _INVALID
            if le is not None and value > le:
                problems.append(Problem(_at(where), f"must be at most {le:g}"))
                return _INVALID
        return value

    return constrain


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _type_checker(hint: Any) -> _Checker:
    origin = get_origin(hint)
    if origin is typing.Annotated:
        return _type_checker(get_args(hint)[0])
    if hint is type(None) or hint is None:
        return _exact(lambda v: v is None, "null")
    if hint in (str, bool):
        exact: type = hint
        return _exact(lambda v: type(v) is exact, _NAMES[hint])
    if hint is int:
        return _exact(lambda v: type(v) is int, _NAMES[int])
    if hint is float:
        return _number
    if hint is Any or hint is object:
        return lambda value, where, problems, context, depth: value
    if origin is Literal:
        return _literal(get_args(hint))
    if origin in (typing.Union, types.UnionType):
        return _union(tuple(_type_checker(arg) for arg in get_args(hint)), get_args(hint))
    if origin in (list, tuple):
        args = get_args(hint)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"only tuple[T, ...] is supported, not {hint}")
        return _sequence(_type_checker(args[0]))
    if origin is dict:
        key_type, value_type = get_args(hint)
        if key_type is not str:
            raise TypeError("only dict[str, T] is supported")
        return _mapping(_type_checker(value_type))
    if isinstance(hint, type) and hasattr(hint, "__fields__"):
        return lambda value, where, problems, context, depth: _parse_shape(
            hint, value, where, problems, context, depth
        )
    raise TypeError(f"unsupported type in a shape: {hint!r}")


def _exact(test: Callable[[Any], bool], name: str) -> _Checker:
    def check(value: Any, where: Any, problems: list[Problem], context: Any, depth: int) -> Any:
        if test(value):
            return value
        problems.append(Problem(_at(where), f"must be {name} (got {_kind(value)})"))
        return _INVALID

    return check


def _number(value: Any, where: Any, problems: list[Problem], context: Any, depth: int) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    problems.append(Problem(_at(where), f"must be a number (got {_kind(value)})"))
    return _INVALID


def _literal(choices: tuple[Any, ...]) -> _Checker:
    words = ", ".join(repr(c) for c in choices)

    def check(value: Any, where: Any, problems: list[Problem], context: Any, depth: int) -> Any:
        if isinstance(value, str | int | bool) and any(
            value == c and type(value) is type(c) for c in choices
        ):
            return value
        problems.append(Problem(_at(where), f"must be one of {words} (got {_kind(value)})"))
        return _INVALID

    return check


def _union(members: tuple[_Checker, ...], args: tuple[Any, ...]) -> _Checker:
    words = " or ".join(_describe(arg) for arg in args)

    def check(value: Any, where: Any, problems: list[Problem], context: Any, depth: int) -> Any:
        nested: list[Problem] = []
        for member in members:
            scratch: list[Problem] = []
            result = member(value, where, scratch, context, depth)
            if result is not _INVALID:
                return result
            here = _at(where)
            if any(p.where != here for p in scratch):  # the right kind, wrong inside: say where
                nested = scratch
        if nested:
            problems += nested
            return _INVALID
        problems.append(Problem(_at(where), f"must be {words} (got {_kind(value)})"))
        return _INVALID

    return check


def _describe(hint: Any) -> str:
    origin = get_origin(hint)
    if hint is type(None) or hint is None:
        return "null"
    if hint in _NAMES:
        return _NAMES[hint]
    if origin is Literal:
        return "one of " + ", ".join(repr(c) for c in get_args(hint))
    if origin in (list, tuple):
        return "a list"
    if origin is dict:
        return "an object"
    return "an object"


def _sequence(item: _Checker) -> _Checker:
    def check(value: Any, where: Any, problems: list[Problem], context: Any, depth: int) -> Any:
        if not isinstance(value, list | tuple):
            problems.append(Problem(_at(where), f"must be a list (got {_kind(value)})"))
            return _INVALID
        if depth > MAX_DEPTH:
            problems.append(Problem(_at(where), f"nested more than {MAX_DEPTH} levels deep"))
            return _INVALID
        out = []
        bad = False
        for index, element in enumerate(value):
            checked = item(element, (where, index), problems, context, depth + 1)
            if checked is _INVALID:
                bad = True
            else:
                out.append(checked)
        return _INVALID if bad else tuple(out)

    return check


def _mapping(item: _Checker) -> _Checker:
    def check(value: Any, where: Any, problems: list[Problem], context: Any, depth: int) -> Any:
        if not isinstance(value, dict):
            problems.append(Problem(_at(where), f"must be an object (got {_kind(value)})"))
            return _INVALID
        out = {}
        bad = False
        for key, element in value.items():
            checked = item(element, (where, str(key)), problems, context, depth + 1)
            if checked is _INVALID:
                bad = True
            else:
                out[str(key)] = checked
        return _INVALID if bad else out

    return check


# --- dumping --------------------------------------------------------------------------------------


def dump(value: Any, *, exclude_none: bool = False, exclude_defaults: bool = False) -> Any:
    """A shape (or a value holding shapes) as JSON-ready data: dicts, lists, strings, numbers.

    Fields keep their declared order; tuples become lists. Fields declared with
    ``dump_default=False`` are left out while they hold their default.
    """
    if is_record(value):
        out: dict[str, Any] = {}
        for item in fields_of(value):
            if not item.metadata.get("in_json", True):
                continue
            current = getattr(value, item.name)
            if exclude_none and current is None:
                continue
            at_default = item.default is not REQUIRED and current == item.default
            if at_default and (exclude_defaults or not item.metadata.get("dump_default", True)):
                continue
            out[item.name] = dump(
                current, exclude_none=exclude_none, exclude_defaults=exclude_defaults
            )
        return out
    if isinstance(value, list | tuple):
        return [
            dump(v, exclude_none=exclude_none, exclude_defaults=exclude_defaults) for v in value
        ]
    if isinstance(value, dict):
        return {
            str(k): dump(v, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
            for k, v in value.items()
        }
    return value


def references(value: Any, where: str = "") -> list[tuple[str, Ref, str]]:
    """Every (path, kind, referenced value) in a parsed shape, from fields declared with ``ref``."""
    found: list[tuple[str, Ref, str]] = []
    if not is_record(value):
        return found
    for item in fields_of(value):
        current = getattr(value, item.name)
        here = path_join(where, item.name)
        kind = item.metadata.get("ref")
        if kind is not None:
            found += [(path, kind, text) for path, text in _strings(current, here)]
        elif isinstance(current, tuple | list):
            for index, element in enumerate(current):
                found += references(element, f"{here}[{index}]")
        elif isinstance(current, dict):
            for key, element in current.items():
                found += references(element, path_join(here, str(key)))
        else:
            found += references(current, here)
    return found


def _strings(value: Any, where: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, tuple | list):
        return [pair for i, v in enumerate(value) for pair in _strings(v, f"{where}[{i}]")]
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _strings(v, path_join(where, str(k)))]
    return []


# --- JSON Schema ----------------------------------------------------------------------------------

SchemaHook = Callable[[type, str, dict[str, Any]], None]
"""Called for every field's schema (shape, field name, its schema) to add data-driven parts."""


def json_schema(
    root: type, *, schema_id: str, title: str | None = None, hook: SchemaHook | None = None
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a shape, nested shapes under ``$defs``."""
    defs: dict[str, dict[str, Any]] = {}
    body = _shape_schema(root, defs, hook)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title or root.__name__,
        **{k: v for k, v in body.items() if k != "title"},
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _shape_schema(
    cls: type, defs: dict[str, dict[str, Any]], hook: SchemaHook | None
) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    properties: dict[str, Any] = {}
    required = []
    for item in fields_of(cls):
        meta = item.metadata
        if not meta.get("in_json", True):
            continue
        field_schema = _type_schema(hints[item.name], defs, hook)
        field_schema["description"] = meta.get("doc", "")
        if item.default is not REQUIRED:
            field_schema["default"] = dump(item.default)
        else:
            required.append(item.name)
        for key, name in (
            ("min_length", "minLength"),
            ("max_length", "maxLength"),
            ("pattern_text", "pattern"),
        ):
            bound = meta.get(key)
            if bound is not None:
                target = _string_or_array(field_schema, name)
                if target is not None:
                    target[_array_name(name) if target.get("type") == "array" else name] = bound
        for key, name in (("ge", "minimum"), ("le", "maximum")):
            if meta.get(key) is not None:
                field_schema[name] = meta[key]
        if hook is not None:
            hook(cls, item.name, field_schema)
        properties[item.name] = field_schema
    out: dict[str, Any] = {
        "title": cls.__name__,
        "description": " ".join((cls.__doc__ or "").split()),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


def _array_name(name: str) -> str:
    return {"minLength": "minItems", "maxLength": "maxItems"}.get(name, name)


def _string_or_array(schema: dict[str, Any], name: str) -> dict[str, Any] | None:
    """Where a length or pattern bound goes: the string or array member of a nullable union."""
    if schema.get("type") in ("string", "array"):
        return schema
    for member in schema.get("anyOf", ()):
        if member.get("type") == "string" or (member.get("type") == "array" and name != "pattern"):
            return typing.cast(dict[str, Any], member)
    return None


def _type_schema(hint: Any, defs: dict[str, dict[str, Any]], hook: SchemaHook | None) -> Any:
    origin = get_origin(hint)
    if origin is typing.Annotated:
        return _type_schema(get_args(hint)[0], defs, hook)
    if hint is type(None) or hint is None:
        return {"type": "null"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in simple:
        return {"type": simple[hint]}
    if hint is Any or hint is object:
        return {}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(arg, defs, hook) for arg in get_args(hint)]}
    if origin in (list, tuple):
        return {"type": "array", "items": _type_schema(get_args(hint)[0], defs, hook)}
    if origin is dict:
        return {
            "type": "object",
            "additionalProperties": _type_schema(get_args(hint)[1], defs, hook),
        }
    if isinstance(hint, type) and hasattr(hint, "__fields__"):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _shape_schema(hint, defs, hook)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"unsupported type in a shape: {hint!r}")
