"""Action references: the printed form normalised, so "PB C1", "PBC1." and "PB C1)" agree.

How a reference is read out of text is in ``planharvest.lexicon``, which the
readers share; this is the normaliser's last step on whatever was read.
"""

from __future__ import annotations

import re

_EDGE_PUNCT = re.compile(r"^[\s(\[]+|[\s.):;,\]]+$")


def normalise_ref(ref: str) -> str:
    """The printed reference without spaces or trailing punctuation ('PB C1' -> 'PBC1',
    '1.1.' -> '1.1', '(a)' -> 'a'). Idempotent."""
    compact = "".join(ref.split())
    while True:
        stripped = _EDGE_PUNCT.sub("", compact)
        if stripped == compact:
            return stripped
        compact = stripped
