"""Spell checking in the editor: the checks (`check.py`) and the underlines (`highlight.py`)."""
