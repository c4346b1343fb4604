"""The library's SQLite index (a rebuildable cache): metadata, FTS5 search, bulk builds."""
