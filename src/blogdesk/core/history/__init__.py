"""The library's history in git (through dulwich): a commit per save burst, a marked commit per
publish, the versions of a post and word diffs between them. See docs/history.md."""
