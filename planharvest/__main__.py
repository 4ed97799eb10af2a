"""`python -m planharvest` and the `planharvest` command: the command line, behind a guard
for Ctrl-C.

The command line imports pandas, pyarrow and pydantic, most of a second; Ctrl-C in that
second would print a traceback and exit -2 before the command's own handling (exit 130)
exists. Importing it here, inside the guard, makes every Ctrl-C exit 130 quietly.
"""

import os
import sys


def run() -> None:
    try:
        from planharvest.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.stderr.flush()
        os._exit(130)


if __name__ == "__main__":
    run()
