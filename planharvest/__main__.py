"""`python -m planharvest` runs the command line."""

from planharvest.cli import main

main()
