"""Publishing to blogs: accounts, credentials, providers and the sync service. Never imports Qt."""
