"""Writing: the editor, highlighting, formatting, find, paste, the open post, its side panels."""
