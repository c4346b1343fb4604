"""Capturing a blog's theme for the preview (network and files; the pure part is core/theme).

service.py chooses how and keeps the cache fresh, sample.py finds a post's public page,
fetch.py downloads with hard limits, capture.py writes the cache, block_styles.py adds the
WordPress block styles the captured post does not show, static_build.py builds a sample post of
a Hugo/Jekyll site. See docs/preview.md.
"""
