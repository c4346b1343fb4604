"""`run_checks`: every check of the checklist, in one report."""

from __future__ import annotations

from blogdesk.core.checks import content
from blogdesk.core.checks.fields import field_issues
from blogdesk.core.checks.issue import Issue
from blogdesk.core.checks.links import link_issues
from blogdesk.core.checks.model import CheckContext, Report
from blogdesk.core.checks.spelling import spelling_issues
from blogdesk.core.post.post import Post
from blogdesk.core.render.engine import RenderedPost

__all__ = ["run_checks"]


def run_checks(post: Post, rendered: RenderedPost, context: CheckContext) -> Report:
    """The checklist of `post` (whose body `rendered` is) for one blog.

    The fields come first (they have no place in the text), then the text's issues in the order
    they are written, so the list reads like the post.
    """
    body, html = post.body, rendered.html
    in_text: list[Issue] = []
    in_text += content.image_alt_issues(body, html)
    if context.file_exists is not None:
        in_text += content.missing_file_issues(body, html, context.file_exists)
    in_text += content.local_path_issues(body)
    in_text += content.shortcode_issues(body)
    in_text += content.heading_issues(rendered.outline)
    if context.links is not None:
        in_text += link_issues(body, html, context.links)
    if context.spelling is not None:
        in_text += spelling_issues(body, context.spelling)
    notes = []
    if context.links is None:
        notes.append(context.links_note or "Links were not checked.")
    if context.spelling is None:
        notes.append(context.spelling_note or "Spelling was not checked.")
    # Sorted by place; an issue without one (a summary line) stays after those of its kind.
    last = 1 << 30
    in_text.sort(key=lambda i: (last if i.line is None else i.line, i.column))
    return Report(
        issues=(*field_issues(post, context), *in_text),
        notes=tuple(notes),
        body_line=post.body_line,
    )
