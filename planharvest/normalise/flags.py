"""The evidence a row gives for the severity of its flags, read across the row and its table.

A flag's severity (``review`` or ``note``) is looked up in ``data/flags.csv`` by its code and
its evidence; a normaliser that sees the evidence sets it on the flag it raises. Some
evidence is seen only across a row's fields or across the rows of one table, after every
normaliser ran: that is read here, so the row's ``needs_review`` says whether a value may be
wrong, not only which heuristic applied.

* ``objective_from_outcome``: an outcome, target or issue column printed before the action
  was read as the objective. It is plainly the objective (evidence ``heads_rows``) when the
  layout says so: the column is the first labelled column of its table (a plan reads from
  why to what to who; ``RawAction.aim_column_first``, read in ``extract``), each of its
  texts heads its own run of rows and never comes back once the rows moved on to another
  (objective headings group rows; a column of results repeats the same few results across
  unrelated actions), and each is words (two of three letters or more), naming no indicator
  code: "NI 4, NI 21 (target)" or "Contributes to NI 19" is a measure, not an objective.
* ``owner_person_only``: the owner cell names only people. Their names may hide an
  organisation's ("Marie Curie", initials "TS"); they plainly name people (evidence
  ``called_by_name``) where the action text calls each of them the way people are called:
  by the given name alone ("Tim to consolidate the note" for Tim Allen) or by initials
  ("RB to amend the process" for Richard Brewster), never an organisation's way.
* ``owner_post_title`` (raised here, a doubt): the owner cell's last name is a post of two
  words or more ending in a title ("School Business Manager": ``data/owner_shapes.csv``'s
  title words), no registry name as a whole, and yet organisations were read, with nothing
  flagged: the words before the title may only describe the post.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from planharvest.extract.actions import RawAction
from planharvest.lexicon import fold_alnum
from planharvest.model import Action, Flag
from planharvest.normalise.indicators import IndicatorRegistry, find_indicators
from planharvest.normalise.owners.registry import WORD
from planharvest.normalise.owners.shapes import vocabulary

#: A word of three letters or more: an aim states words; a code ("NI 15"), a figure does not.
_LETTER_WORD = re.compile(r"[^\W\d_]{3,}")
#: Words an aim needs to be read as words.
_AIM_WORDS = 2
#: Letters of the shortest given name read as one ("Tim"): "Dr", "Mr" are titles.
_GIVEN_NAME = 3
#: What ends one name of an owner cell and starts the next: the title is the last name's.
_PIECE_END = re.compile(r"[;,/&+\n]|\band\b")


def aim_evidence(raws: Sequence[RawAction], indicators: IndicatorRegistry) -> list[str]:
    """Per raw action, the evidence (``data/flags.csv``) that its objective, read from an aim
    column before the action, is plainly the objective: ``heads_rows``, or ""."""
    evidence = [""] * len(raws)
    for read, run in groupby(range(len(raws)), key=lambda i: raws[i].objective_from_aim):
        rows = list(run)
        if read and _heads_rows([raws[i] for i in rows], indicators):
            for i in rows:
                evidence[i] = "heads_rows"
    return evidence


def _heads_rows(run: list[RawAction], indicators: IndicatorRegistry) -> bool:
    """The aims of one run of rows read from an aim column: first labelled column, words
    naming no indicator, and each aim's rows together (no aim comes back after another)."""
    if not all(raw.aim_column_first for raw in run):
        return False
    aims = [fold_alnum(raw.objective) for raw in run]
    if not all(_states_an_aim(raw.objective, indicators) for raw in run):
        return False
    heads = [aim for aim, _ in groupby(aims)]
    return len(heads) == len(set(heads))


def _states_an_aim(text: str, indicators: IndicatorRegistry) -> bool:
    """Words, not a code or a figure, and no indicator code, known or not, among them."""
    codes, unknown = find_indicators(text, indicators)
    return len(_LETTER_WORD.findall(text)) >= _AIM_WORDS and not codes and not unknown


def person_evidence(action: Action) -> None:
    """Set ``called_by_name`` on the row's doubtful ``owner_person_only`` flag where its
    action text calls every person of the owner cell by given name or initials."""
    flagged = [flag for flag in action.flag_details
               if flag.code == "owner_person_only" and not flag.evidence]
    if not flagged or not flagged[0].candidates:
        return
    if all(_called(person, action.action) for person in flagged[0].candidates):
        settled = flagged[0].model_copy(update={"evidence": "called_by_name"})
        action.flag_details = [settled if flag is flagged[0] else flag
                               for flag in action.flag_details]
        action.add_flags([])


def _called(person: str, text: str) -> bool:
    """Whether ``text`` calls a person ("Tim Allen") by the given name alone ("Tim", not
    followed by the surname) or by initials ("TA"). Only a name of two words or more, each a
    capital then lower case, and no abbreviated title ("Dr. Mullins") counts."""
    words = WORD.findall(person)
    if (len(words) < 2 or "." in person or len(words[0]) < _GIVEN_NAME
            or not all(word[:1].isupper() and word[1:].islower() for word in words)):
        return False
    initials = "".join(word[0] for word in words)
    alone = rf"\b{re.escape(words[0])}\b(?!\s+{re.escape(words[1])})"
    return bool(re.search(alone, text) or re.search(rf"\b{initials}\b", text))


def post_title_flag(action: Action) -> Flag | None:
    """``owner_post_title`` where the owner cell ends in a post's title and organisations
    were read from it with no owner flag; None otherwise."""
    owner_flags = [flag for flag in action.flag_details if flag.code.startswith("owner_")]
    if any(flag.severity == "review" for flag in owner_flags):
        return None  # a doubt already
    noted = {name for flag in owner_flags for name in flag.candidates}
    if not [name for name in action.owners if name not in noted]:
        return None  # every owner printed whole, a note ("Web Development Team & Web Designer")
    words = WORD.findall(_PIECE_END.split(action.owner_raw)[-1])
    if len(words) < 2 or vocabulary().last.get(words[-1].lower()) != "title":
        return None
    if fold_alnum(" ".join(words)) in {fold_alnum(name) for name in action.owners}:
        return None  # a registry name that ends in a title ("Police Area Commander") whole
    return Flag(code="owner_post_title", field="owners", candidates=tuple(action.owners),
                reason=f"the owner cell '{action.owner_raw}' ends in a post's title "
                       f"('{words[-1]}'); {', '.join(action.owners)} may only describe the "
                       "post, not name its organisation")
