"""Ghost 5 through its Admin API."""
