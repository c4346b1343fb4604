"""The `blogdesk` command's words: every command and the module of `blogdesk.cli` that registers it.

Known without importing the command line: `blogdesk` with no command opens the window, and
deciding that must not cost the imports of the whole CLI (`blogdesk.cli` builds only the named
command's parser; `ui/window/instance/quick_launch.py` hands files to an open window before any
of it).
"""

COMMAND_MODULE = {
    "new": "blogdesk.cli.posts",
    "list": "blogdesk.cli.posts",
    "search": "blogdesk.cli.posts",
    "show": "blogdesk.cli.posts",
    "render": "blogdesk.cli.posts",
    "reindex": "blogdesk.cli.posts",
    "preview": "blogdesk.cli.preview",
    "account": "blogdesk.cli.accounts",
    "publish": "blogdesk.cli.publish",
    "unpublish": "blogdesk.cli.publish",
    "pull": "blogdesk.cli.publish",
    "outbox": "blogdesk.cli.publish",
    "import": "blogdesk.cli.importing",
    "check": "blogdesk.cli.check",
    "export": "blogdesk.cli.export",
    "history": "blogdesk.cli.history",
    "diff": "blogdesk.cli.history",
    "sync": "blogdesk.cli.sync",
}
COMMAND_NAMES = frozenset(COMMAND_MODULE)
