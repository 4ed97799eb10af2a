"""Running the per-document work on a Dask cluster (``--scheduler``).

Named ``cluster`` so that it does not shadow the ``dask`` library.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import Executor

from planharvest.errors import PlanharvestError


class SchedulerError(PlanharvestError):
    """The Dask scheduler given with ``--scheduler`` cannot be used; the message says why."""


@contextlib.contextmanager
def dask_executor(address: str, timeout: float = 20.0) -> Iterator[Executor]:
    """A ``concurrent.futures`` executor running on the Dask cluster at ``address``.

    The workers must be able to import planharvest and to read the input paths
    (a shared filesystem); results come back to this process, which writes the
    dataset and the cache.
    """
    try:
        from distributed import Client
    except ImportError as error:
        raise SchedulerError(
            "--scheduler needs Dask's distributed scheduler: pip install 'planharvest[dask]'"
        ) from error
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as error:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    try:
        # pure=False: a task reads a file, so Dask must not reuse a result by its arguments.
        yield client.get_executor(pure=False)
    finally:
        client.close()
