"""``datapackage.json``: a Frictionless Data Package generated from the models.

It describes the CSV files a run writes (field types, descriptions, enum
constraints, primary key ``record_id``) so that tools that speak Frictionless
(``frictionless validate``, CKAN, Data Curator) can check and load them, and
``planharvest.read_dataset`` restores the CSV files' types from it. List
columns are Table Schema ``list`` fields: strings joined with ``"; "``.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from planharvest import __version__
from planharvest.export.writers import LIST_DELIMITER
from planharvest.files import write_text
from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.schema import Column, columns

_FRICTIONLESS_TYPES = {
    "string": "string", "integer": "integer", "date": "date", "boolean": "boolean",
    "list": "list",
}

#: (resource name, file, model, primary key, title)
RESOURCES: tuple[tuple[str, str, type[BaseModel], str | None, str], ...] = (
    ("actions", "actions.csv", Action, "record_id", "One row per action"),
    ("documents", "documents.csv", DocumentRecord, None, "One row per input file"),
    ("review", "review.csv", ReviewItem, None, "Flagged fields for a reviewer to settle"),
)


def _field(column: Column) -> dict[str, object]:
    description = column.description
    if column.kind == "list":
        description += " (a list, joined with '; ' in CSV)"
    spec: dict[str, object] = {
        "name": column.name,
        "type": _FRICTIONLESS_TYPES[column.kind],
        "description": description,
    }
    if column.kind == "boolean":
        spec.update(trueValues=["true"], falseValues=["false"])
    if column.kind == "list":
        spec.update(delimiter=LIST_DELIMITER, itemType="string")
    if column.enum:
        spec["constraints"] = {"enum": list(column.enum)}
    return spec


def datapackage(name: str = "planharvest-actions") -> dict[str, object]:
    resources = []
    for resource_name, path, model, key, title in RESOURCES:
        schema: dict[str, object] = {"fields": [_field(c) for c in columns(model)]}
        if key:
            schema["primaryKey"] = [key]
        resources.append({
            "name": resource_name,
            "path": path,
            "title": title,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": schema,
        })
    return {
        "name": name,
        "profile": "tabular-data-package",
        "title": "Action plans harvested by planharvest",
        "description": f"Written by planharvest {__version__}. actions.parquet and actions.json "
                       "hold the same rows as actions.csv with real lists and nulls.",
        "resources": resources,
    }


def write_datapackage(out_dir: Path) -> None:
    write_text(out_dir / "datapackage.json", json.dumps(datapackage(), indent=2))
