"""The coder's terminal app: trace a catheter path and watch the codes build, with their reasons.

A Textual front end over the `vascular` library. It only calls the library's public API; every code,
order and reason on screen comes from `vascular.code_case` and its explanation.
"""
