"""Preferences: the dialog (Edit → Preferences…) and how each option reaches the open window."""
