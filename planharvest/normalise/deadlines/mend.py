"""Words of a deadline cell that a narrow column broke, mended before the cell is read.

A time-frame column a few characters wide breaks its words wherever the line ends, with a
space or a line break between the pieces: "Continuou s starting", "Octob" / "er 2019",
"October/N" / "ovember 2019", "Janu" / "ary 2020". Unmended, "Continuou s" is no ongoing
work and "Octob er" no month, so the cell reads as another date or none. Two neighbouring
pieces are one word when neither is a word of the deadline vocabulary on its own and
together they are one (``vocabulary.BROKEN_WORD_TARGETS``, months, seasons): "Septem ber"
mends, "by June" and "Sept ember" (a word, "Sept", before the break) do not. The mended
text is the cell as printed, its words repaired.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planharvest.normalise.deadlines.vocabulary import (
    BROKEN_WORD_TARGETS,
    MONTH_WORDS,
    SEASON_START_MONTH,
)

#: A piece of a word, the break after it (spaces or a line end), and the next piece.
_PIECES = re.compile(r"([^\W\d_]+)[ \t]*\n?[ \t]*(?=([^\W\d_]+))")


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
