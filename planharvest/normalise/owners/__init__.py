"""Owners and partners: owner cells and action text to canonical organisation names.

``registry`` holds the organisations and their index, ``cell`` reads one owner
cell (``units`` tells units from their bodies, ``shapes`` reads names no registry knows by
their words), ``prose`` finds owners stated inside action text, and ``clusters`` groups
a batch's unmatched names so a reviewer settles each spelling once.
"""

from planharvest.normalise.owners.cell import OwnerResult, parse_owners
from planharvest.normalise.owners.clusters import cluster_unmatched, propose_owner_names
from planharvest.normalise.owners.prose import owners_in_text
from planharvest.normalise.owners.registry import Organisation, OwnerRegistry
from planharvest.normalise.owners.registry import overlaps as owner_overlaps
from planharvest.normalise.owners.shapes import NO_GLOSSARY, Glossary

__all__ = [
    "NO_GLOSSARY",
    "Glossary",
    "Organisation",
    "OwnerRegistry",
    "OwnerResult",
    "cluster_unmatched",
    "owner_overlaps",
    "owners_in_text",
    "parse_owners",
    "propose_owner_names",
]
