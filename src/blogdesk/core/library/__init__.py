"""The library folder: atomic saves kept in step with the index, change scans, the trash."""
