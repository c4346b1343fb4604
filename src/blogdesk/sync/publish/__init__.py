"""Posts between the library and a blog: publish, take down, pull, the outbox, change checks."""
