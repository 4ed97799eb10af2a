"""The live progress line of ``convert`` on stderr (tqdm): documents and pages done,
rate, failures, documents from the cache, time left. Silent when stderr is not a
terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

    from planharvest.job import DocumentResult


class Progress:
    """Documents and pages done, rate, failures, time left: one live line on ``stream``.

    Drawn only when ``stream`` is a terminal (or ``enabled=True``); ``note``
    prints a message above the line either way.
    """

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty() if enabled is None else enabled
        self._bar: tqdm | None = None
        self.pages = self.failed = self.cached = 0

    def start(self, documents: int) -> None:
        if self._enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=documents, unit="doc", file=self._stream,
                             dynamic_ncols=True, smoothing=0.05)

    def __call__(self, result: DocumentResult) -> None:
        self.pages += result.record.pages or 0
        self.failed += result.record.status == "failed"
        self.cached += result.cached
        if self._bar is not None:
            elapsed = self._bar.format_dict["elapsed"] or 1e-9
            self._bar.set_postfix_str(
                f"{self.pages} pages ({self.pages / elapsed:.1f}/s), {self.failed} failed, "
                f"{self.cached} from cache", refresh=False)
            self._bar.update()

    def note(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self._stream)
        else:
            print(message, file=self._stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
