"""The one family of expected failures: a document, an option or a file that is wrong.

Every failure a user can cause or fix -- an unreadable PDF, a bad ``--owners``
file, a stale decision -- raises a subclass of ``PlanharvestError`` whose
message says what is wrong in words. Anything else that escapes is a bug in
planharvest: the pipeline labels it "internal error" and shows its traceback
under ``--debug``, so a real defect is never passed off as the document's fault.

Operating-system errors a user can cause (a full disk, a read-only or
forbidden folder, ``--out`` under a file) are not bugs either: the commands
print them as one line from :func:`system_error_message`.

A library's own message is passed on only through :func:`plain_cause`, which drops the
raw values a parser appends (``[b'\\x14', 62, ...]``) and never leaves it empty.
"""

from __future__ import annotations

import errno
import os
import re

#: Causes said better than ``strerror`` where the path is a folder planharvest must use.
_CAUSES = {
    errno.EEXIST: "exists and is not a folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "the file system is read-only",
}


#: Where a library's message turns into a dump of raw values: bytes (``b'...'``), a list, a
#: dictionary, a tuple of values, an object's repr.
_DUMP = re.compile(r"""\bb['"]|[\[{]|\(['"\d]|<[\w.]+ object at 0x""")
#: The longest library message passed on; past it, a dump of another kind.
_LONGEST_CAUSE = 160


def plain_cause(error: BaseException) -> str:
    """``error``'s message as words for a user: cut where raw values start, at most
    ``_LONGEST_CAUSE`` characters, and never empty (then the kind of error, in words:
    ``DecompressionBombError`` -> "decompression bomb error")."""
    text = " ".join(str(error).split())
    dump = _DUMP.search(text)
    if dump is not None:
        text = text[:dump.start()].rstrip(" :=,;(")
    if len(text) > _LONGEST_CAUSE:
        text = text[:_LONGEST_CAUSE - 1].rstrip() + "\u2026"
    if not text:
        words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", type(error).__name__).lower()
        text = f"{words}, no detail given"
    return text


class PlanharvestError(Exception):
    """An expected failure; ``str(error)`` is the message shown to the user."""


class OptionFileError(PlanharvestError):
    """A file given as an option (``--owners``, ``--indicators``, ``--decisions``) is not what
    it should be; ``option`` names the option when known, for the command line's message."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


def system_error_message(error: OSError) -> str:
    """One line for an operating-system error: the path(s) it concerns and the cause in
    words (``[Errno 28] ...`` and the exception's class name left out)."""
    cause = _CAUSES.get(error.errno or 0) or error.strerror or str(error) or type(error).__name__
    paths = [os.fsdecode(name) for name in (error.filename, error.filename2)
             if name is not None]
    return f"{' -> '.join(paths)}: {cause}" if paths else cause
