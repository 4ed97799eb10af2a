"""The batch: many documents through ``job.process_document``, fast and safely.

* ``runner`` -- :func:`~planharvest.batch.runner.run_jobs`: hash, look up, run,
  hand back in input order.
* ``cache`` -- per-document results kept in the output folder, keyed by
  everything the rows depend on.
* ``pool`` -- inline, a process pool, or a caller's executor; a worker that dies
  fails only its own document.
* ``cluster`` -- the executor of a Dask cluster (``--scheduler``).
"""
