"""HTML → Markdown, and WordPress's stored content → plain HTML."""
