"""Hugo and Jekyll site folders as blogs."""
