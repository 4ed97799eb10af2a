"""The keys of ``planharvest review``'s session, with what each does.

One table, so the session's own help line and ``planharvest review --help``
(which must not import the session to build its text) say the same.
"""

from __future__ import annotations

#: Key -> what it does, in the order the help lists them.
KEYS: dict[str, str] = {
    "1-9": "accept that candidate",
    "a": "accept the current value",
    "s": "set a value for this row",
    "A": "set a value (or a candidate) for every row with this printed text",
    "n": "not an action",
    "k": "skip",
    "b": "back",
    "q": "quit",
}


def keys_help() -> str:
    """'1-9 accept that candidate · a accept the current value · ...'."""
    return " · ".join(f"{key} {meaning}" for key, meaning in KEYS.items())
