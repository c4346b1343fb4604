"""A minimal third-party BlogDesk provider, as docs/providers.md describes (used by the tests)."""
