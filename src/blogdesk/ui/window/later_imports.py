"""What the window imports on a worker after its first preview: the modules its deferred set-up
installs from (`DeskApp._after_show`), and those the author's first actions need."""

from __future__ import annotations

__all__ = ["import_set_up_modules", "warm_up_later_imports"]


def import_set_up_modules() -> None:
    """On a worker: the modules `DeskApp._after_show` installs from (a worker holding the GIL
    gives it up every few ms, so the window keeps answering; the UI thread would not)."""
    import blogdesk.ui.history.install
    import blogdesk.ui.publishing.coordinator  # noqa: F401


def warm_up_later_imports() -> None:
    """On a worker once the window and its preview are up: import what the start no longer
    imports but the author's first actions need, so none of them waits on the UI thread for it:
    the front-matter editors (the first Properties edit: ruamel.yaml and tomlkit, ~40 ms) and
    the publishing badges' modules (the first list refilled after publishing is installed, e.g.
    the first search: the outbox and the change check; its HTML converter, BeautifulSoup and
    markdownify, ~8 MB, loads only for a conflict's diff), and the
    find bar and image dialog, which the first frame no longer builds (~10 ms). The rest of the
    sync layer (requests, keyring: ~20 MB) still loads when the author publishes."""
    import blogdesk.core.post.toml_edit
    import blogdesk.core.post.yaml_edit
    import blogdesk.sync.publish.changes
    import blogdesk.sync.publish.outbox
    import blogdesk.ui.editor.find_replace
    import blogdesk.ui.editor.insert.image_dialog  # noqa: F401
