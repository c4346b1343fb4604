"""The bundle's entry point: the same `main()` as the `blogdesk` console script (a launch that only
opens files hands them to an open window first, then the command line)."""

import sys

from blogdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
