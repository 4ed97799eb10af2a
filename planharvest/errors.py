"""The one family of expected failures: a document, an option or a file that is wrong.

Every failure a user can cause or fix -- an unreadable PDF, a bad ``--owners``
file, a stale decision -- raises a subclass of ``PlanharvestError`` whose
message says what is wrong in words. Anything else that escapes is a bug in
planharvest: the pipeline labels it "internal error" and shows its traceback
under ``--debug``, so a real defect is never passed off as the document's fault.
"""

from __future__ import annotations


class PlanharvestError(Exception):
    """An expected failure; ``str(error)`` is the message shown to the user."""


class OptionFileError(PlanharvestError):
    """A file given as an option (``--owners``, ``--indicators``, ``--decisions``) is not what
    it should be; ``option`` names the option when known, for the command line's message."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option
