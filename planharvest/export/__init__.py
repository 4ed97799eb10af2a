"""Stage 4: canonical rows out to CSV, Parquet, JSON, datapackage.json, the review files and
report.html."""
