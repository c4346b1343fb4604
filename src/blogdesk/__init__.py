"""BlogDesk: a desktop editor for blog authors."""

__version__ = "0.1.0"
APP_NAME = "BlogDesk"
APP_ID = "io.github.blogdesk.BlogDesk"
