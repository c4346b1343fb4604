"""The Blogs dialog: add, test, rename, remove blogs; browser sign-in."""
