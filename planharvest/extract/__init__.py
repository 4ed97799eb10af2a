"""Stage 1: documents in, format-neutral tables and raw actions (with provenance) out.

Readers (``docx``, ``pdf``, ``legacy``, ``ocr``) return ``grid.DocumentContent``;
``stitch`` joins tables across pages, ``headers`` maps header cells to fields and
``actions`` turns a logical table into ``RawAction`` records. Nothing here
normalises values: that is ``planharvest.normalise``.
"""
