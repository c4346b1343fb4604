"""One module per blog platform."""
