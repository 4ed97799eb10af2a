"""planharvest: council action plans (PDF, Word) in, one canonical dataset out.

The work flows one way, and each layer imports only those below it: ``cli``
(commands, progress line) -> ``pipeline`` (a run's wiring) -> ``batch`` (cache,
process pool, Dask) -> ``job`` (one document: read, stitch, assemble,
normalise) -> ``review`` -> ``export`` -> ``normalise`` -> ``extract`` -> the
base (``settings``, ``model``, ``errors``, ``files``, ``limits``, ...).

In Python: ``planharvest.convert(inputs, out=None, ...)`` and
``planharvest.read_dataset(folder)`` (``planharvest.api``), imported on first
use so that the command line starts without pandas.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Dataset", "convert", "read_dataset", "__version__"]

#: The Python API's names, found in ``planharvest.api`` on first use.
_API = frozenset({"Dataset", "convert", "read_dataset"})


def __getattr__(name: str) -> object:
    if name in _API:
        from planharvest import api

        return getattr(api, name)
    raise AttributeError(f"module 'planharvest' has no attribute {name!r}")
