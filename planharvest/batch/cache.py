"""The result cache: a re-run reads only the documents that changed.

Per-document results are stored under the output folder
(``DIR/.planharvest-cache/``, one JSON file per key, written atomically). The
key is the document's SHA-256 plus everything else its rows depend on: the
tool's version and source code, the whole settings tree's fingerprint, the
contents of the user's owners and indicators files and the reviewer-made owner
aliases. JSON rather than pickle, because loading a pickle found in a folder
can run code.

Entries of documents not in this run stay (a run over a subset must not make
the next full run read everything again), up to ``MAX_BYTES`` in all; beyond
it the least recently used go first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

import planharvest
from planharvest.files import atomic_path
from planharvest.job import DocumentJob
from planharvest.model import Action, DocumentRecord
from planharvest.optionfiles import OptionText
from planharvest.settings import Settings

CACHE_FOLDER = ".planharvest-cache"
#: Source and data files whose contents enter every cache key (see :func:`code_fingerprint`).
_CODE_SUFFIXES = {".py", ".csv"}
#: DocumentJob fields that do not change a document's rows: where the file is (the rows'
#: ``source_file`` is set from the job on every hit), its hash (the key's first part) and
#: whether tracebacks are shown (failures are never cached).
_KEY_EXEMPT_FIELDS = {"path", "relative", "sha256", "debug"}
#: Bytes the cache may hold beyond the entries of the current run (see :meth:`ResultCache.prune`).
MAX_BYTES = 1 << 30


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's own source and data files.

    ``__version__`` alone would serve stale rows from a development checkout
    whose extractor changed without a version bump; hashing ~50 small files
    once per process costs a few milliseconds.
    """
    package = Path(planharvest.__file__).parent
    digest = hashlib.sha256(planharvest.__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class CachedResult(BaseModel):
    """What the cache stores for one document: its record and rows, as JSON."""

    record: DocumentRecord
    actions: list[Action]


class ResultCache:
    """Per-document results in ``out_dir/.planharvest-cache/<key[:2]>/<key>.json``.

    ``read=False`` (``--no-cache``) re-reads every document but still stores the
    fresh results. Only ``ok`` and ``skipped`` results are stored: a failure is
    often the machine's, not the file's (LibreOffice missing, a time limit on a
    busy machine), and is tried again on the next run.
    """

    def __init__(self, out_dir: Path, read: bool = True, max_bytes: int = MAX_BYTES) -> None:
        self.folder = Path(out_dir) / CACHE_FOLDER
        self.read = read
        self.max_bytes = max_bytes
        self.hits = 0
        self.used: set[str] = set()  # keys looked up or stored by this run
        self._contexts: dict[tuple, str] = {}

    def key(self, job: DocumentJob) -> str | None:
        """The cache key of a job whose document has been hashed; None before that."""
        if not job.sha256:
            return None
        return hashlib.sha256(f"{job.sha256}:{self._context(job)}".encode()).hexdigest()

    def get(self, key: str, relative: str) -> CachedResult | None:
        """The stored result, its paths set to ``relative`` (the same bytes may sit at
        several paths); None when absent, unreadable, or when reading is off."""
        self.used.add(key)
        if not self.read:
            return None
        path = self._path(key)
        try:
            cached = CachedResult.model_validate_json(path.read_bytes())
            os.utime(path)  # used now: the last to go when the cache is pruned
        except (OSError, ValidationError):
            return None  # absent, or written by an incompatible version: read the document
        cached.record.path = relative
        for action in cached.actions:
            action.source_file = relative
        self.hits += 1
        return cached

    def put(self, key: str, record: DocumentRecord, actions: list[Action]) -> None:
        self.used.add(key)
        if record.status == "failed":
            return
        with atomic_path(self._path(key)) as temporary:
            temporary.write_text(CachedResult(record=record, actions=actions).model_dump_json())

    def prune(self) -> int:
        """Delete the least recently used entries this run did not use (other documents,
        versions, settings) until the cache holds at most ``max_bytes`` besides this run's
        own; returns how many went."""
        others = []
        for path in self.folder.glob("*/*.json"):
            if path.stem not in self.used:
                with contextlib.suppress(OSError):
                    status = path.stat()
                    others.append((status.st_mtime, status.st_size, path))
        others.sort(reverse=True)  # most recent first: kept while they fit
        kept = removed = 0
        for _mtime, size, path in others:
            kept += size
            if kept > self.max_bytes:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _path(self, key: str) -> Path:
        # Two-character shards keep each folder small on corpora of 100,000 documents.
        return self.folder / key[:2] / f"{key}.json"

    def _context(self, job: DocumentJob) -> str:
        """Everything but the document that the job's rows depend on, hashed once per run."""
        values = {
            item.name: getattr(job, item.name)
            for item in dataclasses.fields(job)
            if item.name not in _KEY_EXEMPT_FIELDS
        }
        identity = tuple(sorted((name, repr(value)) for name, value in values.items()))
        if identity not in self._contexts:
            described: dict[str, object] = {"code": code_fingerprint()}
            for name, value in values.items():
                if isinstance(value, Settings):
                    described[name] = value.fingerprint()
                elif isinstance(value, OptionText):  # its text counts, not where it came from
                    described[name] = hashlib.sha256(value.text.encode()).hexdigest()
                else:
                    described[name] = repr(value)
            encoded = json.dumps(described, sort_keys=True).encode()
            self._contexts[identity] = hashlib.sha256(encoded).hexdigest()
        return self._contexts[identity]
