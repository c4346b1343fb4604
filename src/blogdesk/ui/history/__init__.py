"""The History panel and the history, sync and kept-draft hooks of the window."""
