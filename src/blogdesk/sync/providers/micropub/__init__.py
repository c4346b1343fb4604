"""Micropub blogs (Micro.blog among them)."""
