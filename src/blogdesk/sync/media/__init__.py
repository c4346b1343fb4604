"""Images that go with a post: the upload ledger, link rewriting, EXIF location stripping."""
