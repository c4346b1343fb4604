"""The pre-publish checklist: pure checks over a post, its rendered HTML and a small context.

`run_checks(post, rendered, context)` lists what should be looked at before a post goes out, each
`Issue` with a severity (an error blocks publishing until the author says "Publish anyway"; a
warning does not) and, where it has one, a place in the post's body. Nothing here touches the
network or Qt: the links' answers (`LinkVerdict`) are found by `blogdesk.sync.link_check` and
handed in through the context; spelling comes in through the small `SpellingSource` interface.
See docs/checklist.md.
"""

from blogdesk.core.checks.issue import Issue, Severity
from blogdesk.core.checks.links import LinkVerdict, checkable_links
from blogdesk.core.checks.model import CheckContext, Report
from blogdesk.core.checks.run import run_checks
from blogdesk.core.checks.spelling import SpellingSource

__all__ = [
    "CheckContext",
    "Issue",
    "LinkVerdict",
    "Report",
    "Severity",
    "SpellingSource",
    "checkable_links",
    "run_checks",
]
