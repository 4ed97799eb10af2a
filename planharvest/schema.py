"""Column specifications read off the pydantic models (base layer).

The writers, ``datapackage.json`` and the reviewer's decisions ask this module
what the columns are, so the model stays the single source of truth: a field's Python type decides
its CSV rendering, its Parquet type and its Frictionless type; its
description becomes the column's documentation; a ``Literal`` becomes an enum
constraint.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Literal, Union

from pydantic import BaseModel

from planharvest.model import column_names

Kind = Literal["string", "integer", "date", "boolean", "list"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    enum: tuple[str, ...] = ()
    nullable: bool = False


def columns(model: type[BaseModel]) -> list[Column]:
    """The exported columns of ``model`` with their kinds, in declaration order."""
    specs = []
    for name in column_names(model):
        info = model.model_fields[name]
        kind, enum, nullable = _kind(info.annotation)
        specs.append(Column(name, kind, info.description or "", enum, nullable))
    return specs


def _kind(annotation: object) -> tuple[Kind, tuple[str, ...], bool]:
    nullable = False
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        nullable = len(members) < len(typing.get_args(annotation))
        annotation = members[0]
        origin = typing.get_origin(annotation)
    if origin is Literal:
        return "string", tuple(typing.get_args(annotation)), nullable
    if origin is list:
        return "list", (), nullable
    simple: dict[object, Kind] = {str: "string", int: "integer", bool: "boolean", dt.date: "date"}
    if annotation in simple:
        return simple[annotation], (), nullable
    raise TypeError(f"no column kind for {annotation!r}")
