"""A blog's look, captured from one of its own pages: the pure part (no network, no Qt).

`css` finds and rewrites the addresses inside style sheets, `template` turns a post's public page
into a template with placeholders (and strips everything that could run or load by itself),
`page` fills a template or BlogDesk's plain page for the preview and for `blogdesk preview`.
`block_styles` finds the WordPress block styles a captured page lacks and where they go.
The fetching lives in `blogdesk.sync.theme`.
"""
