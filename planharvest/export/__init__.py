"""Stage 4: canonical rows out to CSV, Parquet, JSON, datapackage.json and the review files."""
