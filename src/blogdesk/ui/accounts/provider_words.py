"""The platforms' words the add-a-blog form shows, marked for translation.

The providers (`blogdesk.sync`, no Qt) name themselves and their account fields in English;
`AddBlogForm` shows them through ``translate("AddBlogForm", text)``. This list puts those texts
into the translation files (``pyside6-lupdate`` only sees literals): when a provider gains a field,
its label goes here too (tests/ui/test_translations_dialogs.py finds any label left out).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

PROVIDER_WORDS = (
    # display names (the Platform list)
    QT_TRANSLATE_NOOP("AddBlogForm", "WordPress (REST API)"),
    QT_TRANSLATE_NOOP("AddBlogForm", "XML-RPC (WordPress, MetaWeblog, Movable Type, Blogger)"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Static site folder (Hugo, Jekyll)"),
    QT_TRANSLATE_NOOP("AddBlogForm", "DEV / Forem"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Ghost (Admin API)"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Micropub (Micro.blog, IndieWeb sites)"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Blogger"),
    # account field labels
    QT_TRANSLATE_NOOP("AddBlogForm", "Blog address"),
    QT_TRANSLATE_NOOP("AddBlogForm", "User name"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Application password"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Password"),
    QT_TRANSLATE_NOOP("AddBlogForm", "API"),
    QT_TRANSLATE_NOOP("AddBlogForm", "XML-RPC address"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Site folder"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Generator"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Build command"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Git"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Community address"),
    QT_TRANSLATE_NOOP("AddBlogForm", "API key"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Canonical address"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Admin API key"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Keep BlogDesk's HTML exactly"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Your site's address"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Token"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Blog (Micro.blog)"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Google account"),
    QT_TRANSLATE_NOOP("AddBlogForm", "Google sign-in"),
    # choices' words (the other choices are names: wordpress, hugo, jekyll …)
    QT_TRANSLATE_NOOP("AddBlogForm", "auto"),
    QT_TRANSLATE_NOOP("AddBlogForm", "commit"),
    QT_TRANSLATE_NOOP("AddBlogForm", "off"),
)
