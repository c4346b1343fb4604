"""Pure-Python heart of BlogDesk: post files, the library and its index, rendering.

Nothing in this package imports Qt, requests or keyring (checked by import-linter).
"""
