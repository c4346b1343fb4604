"""Blogs over XML-RPC: WordPress wp.*, Movable Type, MetaWeblog, Blogger 1.0."""
