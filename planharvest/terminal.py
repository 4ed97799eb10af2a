"""Text from documents made safe to print on a terminal: the one escaping function.

A cell of a PDF, a file name or a reviewer's CSV can hold control characters:
an escape sequence that retitles or clears the terminal, a carriage return
that overwrites a line with a fake "saved", a bidi override that reverses what
follows. Everything planharvest prints from a document -- ``convert``'s notes,
``review``'s questions, ``tables --format csv`` -- passes through
:func:`printable`, which shows such characters as escapes (``\\x1b``).
"""

from __future__ import annotations

import unicodedata

#: Unicode categories shown as escapes: controls (C0, DEL, C1) and format characters.
_ESCAPED = ("Cc", "Cf")


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters (an escape sequence in a
    file name could clear or recolour the screen, a newline fake a line of the summary)
    shown as escapes, ``\\x1b``, ``\\n``. ``keep_newlines``: a traceback's lines stay
    lines."""
    return "".join(
        char if (char == "\n" and keep_newlines) or unicodedata.category(char) not in _ESCAPED
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )
