"""planharvest: council action plans (PDF, Word) in, one canonical dataset out.

The work flows one way, and each layer imports only those below it: ``cli``
(commands, progress line) -> ``pipeline`` (a run's wiring) -> ``batch`` (cache,
process pool, Dask) -> ``job`` (one document: read, stitch, assemble,
normalise) -> ``review`` -> ``export`` -> ``normalise`` -> ``extract`` -> the
base (``settings``, ``model``, ``errors``, ``files``, ``limits``, ...).
"""

__version__ = "0.1.0"
