"""Markdown → HTML: render() for publishing and the preview's incremental renderer."""
