"""Words of a deadline cell that a narrow column broke, mended before the cell is read.

A time-frame column a few characters wide breaks its words wherever the line ends, with a
space or a line break between the pieces: "Continuou s starting", "Octob" / "er 2019",
"October/N" / "ovember 2019", "Janu" / "ary 2020". Unmended, "Continuou s" is no ongoing
work and "Octob er" no month, so the cell reads as another date or none. Two neighbouring
pieces are one word when neither is a word of the deadline vocabulary on its own and
together they are one (``vocabulary.BROKEN_WORD_TARGETS``, months, seasons): "Septem ber"
mends, "by June" and "Sept ember" (a word, "Sept", before the break) do not. The mended
text is the cell as printed, its words repaired.

The same column wraps one phrase over several lines ("June -" / "October" / "2021.",
"Starting" / "from" / "September" / "2019"), and a reader takes a cell's lines for its items
("Mar 09" / "Sept 08": one date per bullet). A line is joined to the next where it cannot
end a phrase (it ends in a dash, slash or a word that leads into a date: "from",
"starting") or where it ends in a month or season with no figure and the next opens with
a year ("October" / "2019"): the year is the month's ("Ongoing" / "2019/20" stay apart).
Lines that each hold a date stay items.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planharvest.normalise.deadlines.vocabulary import (
    BROKEN_WORD_TARGETS,
    MONTH_WORDS,
    SEASON_START_MONTH,
    WRAP_LEAD_WORDS,
)

#: A piece of a word, the break after it (spaces or a line end), and the next piece.
_PIECES = re.compile(r"([^\W\d_]+)[ \t]*\n?[ \t]*(?=([^\W\d_]+))")


#: A line that leads into the next: a dash or slash at its end, or a word of a date's lead-in.
_LEADS_ON = re.compile(r"(?:[-–—/]|\b(?:" + "|".join(WRAP_LEAD_WORDS) + r"))\s*$", re.IGNORECASE)
#: A line opening with a year ("2019", "2021.", "2019 onwards").
_YEAR_FIRST = re.compile(r"^\s*(?:19|20)\d{2}\b")


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset((*BROKEN_WORD_TARGETS, *MONTH_WORDS, *SEASON_START_MONTH))


def mend_broken_words(text: str) -> str:
    """``text`` with each word a narrow column broke in two put back together (see the
    module doc); unchanged where nothing was broken."""
    known = _known()

    def mend(match: re.Match[str]) -> str:
        head, tail = match[1], match[2]
        if (match[0] != head and (head + tail).lower() in known
                and head.lower() not in known and tail.lower() not in known):
            return head
        return match[0]

    return _PIECES.sub(mend, text)


def join_wrapped_lines(text: str) -> str:
    """``text`` with the lines of one phrase a narrow column wrapped joined by a space (see
    the module doc); lines that each stand alone are kept apart."""
    lines = text.split("\n")
    joined = [lines[0]]
    for line in lines[1:]:
        last = joined[-1]
        if _LEADS_ON.search(last) or (_YEAR_FIRST.match(line) and _ends_in_period(last)):
            joined[-1] = f"{last.rstrip()} {line.strip()}"
        else:
            joined.append(line)
    return "\n".join(joined)


def _ends_in_period(line: str) -> bool:
    """The line holds no figure and ends in a month or season name ("June - October")."""
    words = re.findall(r"[^\W\d_]+", line)
    return (not re.search(r"\d", line) and bool(words)
            and words[-1].lower() in (*MONTH_WORDS, *SEASON_START_MONTH))
