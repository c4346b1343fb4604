"""The status bar speaks of the post on screen: a message about another post goes when the
author opens the next one; messages about the whole desk stay. The real window offscreen."""

from __future__ import annotations

from blogdesk.sync.publish.results import PublishResult


def test_a_posts_messages_go_when_another_post_opens(qtbot, make_desk, wait_listed, sample_library):
    first = (sample_library / "first-post.md").resolve()
    second = (sample_library / "second-post.md").resolve()
    desk = make_desk(sample_library, [first])
    wait_listed(desk, 3)
    window = desk.window
    bar = window.statusBar()
    # Another program rewrites the open post: BlogDesk reloads it and says so.
    text = first.read_text(encoding="utf-8").replace("aardvark", "anteater")
    first.write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Reloaded first-post.md"))
    # And a publish of this post reported its link.
    result = PublishResult(
        "blog", "first-post.md", link="https://blog.example/first", status="publish"
    )
    window.publishing.feedback.show_published(result)
    label = window.publishing.result_label
    assert "https://blog.example/first" in label.text()
    window.open_path(second)
    assert window.documents.path == second
    assert "first-post.md" not in bar.currentMessage()
    assert "blog.example/first" not in label.text()


def test_messages_about_the_whole_desk_stay(qtbot, make_desk, wait_listed, sample_library):
    first = (sample_library / "first-post.md").resolve()
    desk = make_desk(sample_library, [first])
    wait_listed(desk, 3)
    window = desk.window
    # As the watcher says when the library folder cannot be read: about no post in particular.
    window.watcher.failed.emit("Could not look for outside changes: disk gone")
    window.open_path(sample_library / "third-post.md")
    assert window.statusBar().currentMessage() == "Could not look for outside changes: disk gone"
