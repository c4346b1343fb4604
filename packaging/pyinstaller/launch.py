"""The bundle's entry point: the same `main()` as the `blogdesk` console script."""

import sys

from blogdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
