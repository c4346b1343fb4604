"""`python -m blogdesk` and the `blogdesk` entry point."""

import sys


def main() -> int:
    """The `blogdesk` command. A launch that only opens files while a window is open hands them
    to it first (ui/window/instance/quick_launch.py: ~4 ms of imports instead of the command
    line's and the folders' ~70 ms); everything else is `blogdesk.cli.main`."""
    from blogdesk.ui.window.instance.quick_launch import hand_over

    handed = hand_over(sys.argv[1:])
    if handed is not None:
        return handed
    from blogdesk.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
