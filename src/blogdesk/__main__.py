"""`python -m blogdesk` and the `blogdesk` entry point."""

import sys

from blogdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
