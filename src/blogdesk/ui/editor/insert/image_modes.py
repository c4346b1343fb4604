"""Why the image dialog is open: it decides what Cancel (or Skip) does. Apart from the dialog so
that the editor can name a mode without importing the dialog before it is first needed."""

from __future__ import annotations

from enum import Enum

__all__ = ["DialogMode"]


class DialogMode(Enum):
    INSERT = "insert"  # the Image action: Cancel inserts nothing
    EDIT = "edit"  # a double-clicked reference: OK replaces it
    DROPPED = "dropped"  # dropped or pasted: Skip (and Esc) inserts the image without details
