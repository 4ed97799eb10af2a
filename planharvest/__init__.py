"""planharvest: council action plans (PDF, Word) in, one canonical dataset out.

The work flows one way: ``extract`` (documents -> tables -> raw actions with
provenance), ``normalise`` (raw text -> owners, deadlines, indicators, flags),
``review`` (a person's decisions re-applied), ``export`` (CSV, Parquet, JSON,
datapackage, report). ``pipeline.convert`` wires the stages; ``cli`` wraps it.
"""

__version__ = "0.1.0"
