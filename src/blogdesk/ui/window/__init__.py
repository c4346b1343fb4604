"""The window's frame: layout, menus, start-up, saved state, one instance, crash journal, theme."""
