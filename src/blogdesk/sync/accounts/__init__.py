"""The author's blogs: the account list, adding them, their secrets, browser sign-in."""
