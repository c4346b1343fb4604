"""One window per user: the running window's socket (`single_instance`), the plain-socket client a
second launch uses before Qt loads (`handoff`), and the `blogdesk` command's first step that calls
it (`quick_launch`)."""
