"""Outline bands: numbered rows that head the numbered rows under them.

A plan's table may print its themes as rows of their own in the action column, numbered in
the same outline as the actions ("1. Strengthening the Society" over "1.1 ...", "1.2 ...")
and with every other cell empty: not merged across the table, so no spanning heading, yet no
action either. Such a row is read as the heading of the rows its number is the parent of:
the shallowest level of these bands gives the theme, the next the objective. A row numbered
at a band's level that heads nothing ("5. Monitoring and Evaluation" with its own dates after
the last band) sits under no band of that level: its own heading is the band it would be.
Pure: takes the raw actions in document order, returns them without the band rows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planharvest.extract.actions import RawAction

#: An outline number: "1", "1.1", "3.1.8" (a final full stop dropped before matching).
_OUTLINE = re.compile(r"\d{1,2}(?:\.\d{1,2})*")

#: Fields a band row may fill: its number and its title.
_BAND_FIELDS = frozenset({"action", "action_ref"})


def _number(action: RawAction) -> str:
    ref = "".join(action.text("action_ref").split()).rstrip(".")
    return ref if _OUTLINE.fullmatch(ref) else ""


def _bare(action: RawAction) -> bool:
    return all(not text.strip() for name, text in action.fields.items()
               if name not in _BAND_FIELDS)


def _band_levels(actions: list[RawAction]) -> dict[int, int]:
    """index -> outline depth of every band row: bare, numbered, and the next row numbered
    under it."""
    bands: dict[int, int] = {}
    for index, (action, after) in enumerate(zip(actions, actions[1:], strict=False)):
        number = _number(action)
        if (number and _bare(action) and action.text("action").strip()
                and _number(after).startswith(number + ".")):
            bands[index] = number.count(".")
    return bands


def outline_bands(actions: list[RawAction]) -> list[RawAction]:
    """``actions`` with band rows taken out, their titles set as the heading of the rows
    they number (see the module docstring); unchanged where no band is found."""
    bands = _band_levels(actions)
    if not bands:
        return actions
    top = min(bands.values())
    kept: list[RawAction] = []
    heads: dict[str, tuple[str, int]] = {}  # band number -> (title, depth), open bands
    for index, action in enumerate(actions):
        number = _number(action)
        if index in bands and bands[index] <= top + 1:
            heads = {n: h for n, h in heads.items() if number.startswith(n + ".")}
            heads[number] = (" ".join(action.text("action").split()), bands[index])
            continue
        if not heads:
            kept.append(action)
            continue
        under = {depth: title for n, (title, depth) in heads.items()
                 if number.startswith(n + ".")}
        if not number or not under and number.count(".") > top:
            heads = {}  # the numbering left the bands: the rows after are the plan's own
            kept.append(action)
            continue
        kept.append(replace(action, theme=under.get(top, ""), objective=under.get(top + 1, "")))
    return kept
