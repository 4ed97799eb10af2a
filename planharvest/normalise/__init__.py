"""Stage 2: raw cell text in, canonical values and flags out.

Each module is a set of pure functions from text (plus plan context and the
reference registries) to values and ``Flag`` records: ``text`` (repair),
``refs`` (action references), ``owners``, ``deadlines``, ``indicators``,
``rag``. They never open a document and never raise on any string.
"""
