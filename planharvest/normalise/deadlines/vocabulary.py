"""The vocabulary of deadline cells: months, seasons, rhythms, statuses and qualifiers.

Word tables are regular-expression fragments, matched without regard to case and
only as whole words; ``phrases`` builds its patterns from them. English first; each
other language a plan may be written in adds its words to the same tables, in the
block marked with its name (French: Canada, Belgium, Switzerland, France, Africa), so
a language is a data change here and in ``extract/data/*_<lang>.csv``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from planharvest.model import Recurrence

Span = tuple[dt.date, dt.date]
Convention = Literal["financial", "calendar"]

MONTH_WORDS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
    # French: "janv." and "févr." as plans shorten them; accents optional.
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Spanish: "Diciembre 2019", "14 de agosto de 2019"; accents optional, "setiembre" too.
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}

#: Meteorological seasons: the first of their three months.
SEASON_START_MONTH: dict[str, int] = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
    "printemps": 3, "été": 6, "automne": 9, "hiver": 12,  # French
}

#: Date words that are also ordinary English ("may", "march", "fall"): without a year they count
#: as dates only when capitalised.
COMMON_WORD_DATES = frozenset({"may", "march", "mar", "fall"})

#: Words of a rhythm, and the recurrence they mean. "bi-monthly" and "six-monthly" are left out
#: on purpose: ``Recurrence`` has no value for them, so they stay unread and are flagged.
RECURRENCE_PHRASES: tuple[tuple[str, Recurrence], ...] = (
    (r"weekly|(?:every|each|per)[ \t]+week|hebdomadaire", "weekly"),
    (r"fortnightly|every[ \t]+(?:two[ \t]+weeks|fortnight)", "fortnightly"),
    (r"monthly|(?:every|each|per)[ \t]+month|mensuel(?:le)?|chaque[ \t]+mois", "monthly"),
    (r"quarterly|(?:every|each|per)[ \t]+quarter|every[ \t]+three[ \t]+months"
     r"|trimestriel(?:le)?", "quarterly"),
    (r"annually|annual|yearly|(?:every|each)[ \t]+year|per[ \t]+annum|once[ \t]+a[ \t]+year"
     r"|annuel(?:le)?(?:ment)?|chaque[ \t]+ann[ée]e", "annually"),
)

ONGOING_PHRASES = (
    r"on[- \t]?goin(?:g)?",  # also "Ongoin", cut short by a narrow column
    r"(?<![^\n])in[ \t]+progress",  # opening a line: a status, not "... is in progress."
    r"continu(?:ous|ing|al)(?:ly)?",
    r"en[ \t]+continu", r"en[ \t]+cours", r"continuellement",  # French
)

#: "Complete" alone is a status only when it is the whole line, or stated of the work ("This
#: commitment is complete.", "All efforts are complete."): elsewhere in a line it is a verb.
#: Work still "to be completed" / "will be completed" is not done.
COMPLETED_PHRASES = (
    # "Completed within 3 months" is a time limit, not a status.
    r"(?<!be[ \t])(?:already[ \t]+)?(?:completed|achieved)(?![ \t]+within\b)",
    r"(?m:^[ \t]*complete[ \t.]*$)",
    r"(?:is|are|has[ \t]+been|have[ \t]+been)[ \t]+(?:now[ \t]+)?(?:fully[ \t]+)?complete\b",
    # French, the closing "é" required: "complete" is English.
    r"(?:compl[ée]té|terminé|r[ée]alisé)e?s?",
)

#: Words saying work is done that, with a rhythm right after them ("Completed annually"), say
#: it is done again each round: recurring.
DONE_WORDS = (r"completed?", r"done", r"carried[ \t]+out")

#: Honest statements that there is no date yet: kind ``unknown``, not flagged as unreadable.
NO_DATE_PHRASES = (
    r"tb[acd]",
    r"to[ \t]+be[ \t]+(?:confirmed|agreed|decided|determined|arranged|negotiated|set|advised)",
    r"(?-i:NA)", r"n/a", r"not[ \t]+applicable",
    r"(?:date[ \t]+)?not[ \t]+(?:yet[ \t]+)?(?:known|set|agreed|decided|confirmed|fixed)",
    r"unknown", r"no[ \t]+date", r"none", r"nil",
    r"[àa][ \t]+(?:d[ée]terminer|confirmer|pr[ée]ciser|d[ée]finir)", r"n/d",  # French
)

#: Words that make a date vague ("Mid 2007", "early March").
VAGUE_QUALIFIERS = (
    r"early", r"mid", r"middle[ \t]+of", r"late", r"around", r"approx(?:imately|\.)?",
    r"circa", r"c\.",
    r"mi", r"vers", r"environ",  # French: "mi-2024"
)

_NUMBER_WORDS = r"\d{1,3}|one|two|three|four|five|six|nine|twelve|eighteen"

#: Times that are not dates: lengths of time and "as soon as possible".
VAGUE_PHRASES = (
    rf"(?:{_NUMBER_WORDS})(?:[ \t]*(?:-|–|to|or)[ \t]*(?:{_NUMBER_WORDS}))?[ \t]*"
    r"(?:years?|yrs?|months?|weeks?|days?)",
    r"asap", r"as[ \t]+soon[ \t]+as[ \t]+possible", r"immediate(?:ly)?",
    r"(?:short|medium|long)[ \t-]+term",
    r"as[ \t]+(?:and[ \t]+when[ \t]+)?(?:required|needed|appropriate)",
    r"when(?:ever)?[ \t]+(?:possible|required|needed)",
)

#: Words that tie a date to an ongoing or recurring item as its start ("Ongoing from June 06").
START_MARKERS = (r"from", r"since", r"starting", r"start(?:s|ed)?", r"commencing", r"beginning",
                 r"thereafter", r"(?:to[ \t]+be[ \t]+)?initiated[ \t]+(?:by|in)")

#: A cell opening with one of these verbs then one of ``WORK_NOUNS`` says when the work
#: BEGINS ("Begin implementation beginning of year 2013-2014"), not when it is due.
START_VERBS = (r"begin", r"start", r"commence", r"initiate", r"launch")
WORK_NOUNS = (r"implementation", r"implementing", r"work", r"delivery", r"roll[ -]?out",
              r"planning", r"development", r"pilot")

#: Whole words of a deadline cell that a narrow column breaks inside ("Continuou s",
#: "Octob" / "er", "October/N" / "ovember"): two pieces that are no word alone and make one
#: of these together are that word (``mend_broken_words``). Months and seasons are added.
BROKEN_WORD_TARGETS = ("continuous", "continuously", "continuing", "commencing", "starting",
                       "beginning", "onwards", "ongoing", "annually", "quarterly", "monthly",
                       "thereafter")

#: Words that end a wrapped line of a deadline cell only when its phrase goes on below
#: ("Starting" / "from" / "September 2019"; not "thereafter", which closes a rhythm).
WRAP_LEAD_WORDS = ("from", "since", "starting", "commencing", "beginning", "by", "before",
                   "until", "to", "and", "or", "of")

#: Words before a date that do not change its period ("by end of May 06", "Start June 2012").
DATE_PREFIXES = (
    r"by", r"before", r"no[ \t]+later[ \t]+than",
    r"(?:the[ \t]+)?(?:end|beginning|start|starting|commencing)(?:[ \t]+of)?",
    # French: "d'ici 2025", "d'ici la fin de 2025", "avant mars 2024", "fin 2023", "au plus
    # tard en juin 2024".
    r"d['’]ici(?:[ \t]+(?:la[ \t]+)?fin(?:[ \t]+d[e'’])?)?", r"avant", r"au[ \t]+plus[ \t]+tard",
    r"(?:la[ \t]+)?(?:fin|d[ée]but)(?:[ \t]+d[e'’])?", r"en",
)

PLAN_YEAR_WORDS: dict[str, int] = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

#: A qualified period longer than this many days is too wide for a best reading ("Mid 2007").
MAX_VAGUE_BEST_READING_DAYS = 92
