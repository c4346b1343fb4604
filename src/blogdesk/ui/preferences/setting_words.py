"""The settings' words the Preferences dialog shows, marked for translation.

The settings dataclasses (`blogdesk.core.settings`, no Qt) carry their titles, sections, tooltips
and choices in English metadata; the dialog shows them through
``translate("PreferencesDialog", text)``. This list puts those texts into the translation files
(``pyside6-lupdate`` only sees literals): a new option's words go here too
(tests/ui/test_translations_dialogs.py finds any left out).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

SETTING_WORDS = (
    # sections (the tabs)
    QT_TRANSLATE_NOOP("PreferencesDialog", "Appearance"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Writing"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Library"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Publishing"),
    # titles
    QT_TRANSLATE_NOOP("PreferencesDialog", "Colour theme"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Editor font"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Editor font size"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Text column width (characters)"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Width of the text column in focus mode (characters)"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Preview text size"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Typographic quotes and dashes"),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        "Save automatically this long after the last keystroke (milliseconds)",
    ),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        "Write unsaved text to the crash-recovery journal after (milliseconds)",
    ),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        'Spell-check language, or several (e.g. "en_US, de_DE"; empty: the system\'s)',
    ),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog", "Typewriter scrolling (keep the line being written in the middle)"
    ),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Dim all but the current paragraph in focus mode"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Reopen the last post at start-up"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Library folder (empty: the default one)"),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog", "Look for changes made outside BlogDesk at least every (seconds)"
    ),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Default blog (empty: the first one)"),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog", "Load remote images and other remote content in the preview"
    ),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Status of new posts"),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog", "Keep the library's history in git (a version per save)"
    ),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog", "Sync the library through this git remote (path or URL)"
    ),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Sync with the git remote after each save"),
    # tooltips
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        "Wider panes keep the text in a centred column of about this many characters.",
    ),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        "In the preview and in what is published: both render with the same options.",
    ),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        "Used for posts whose front matter (lang:) and blog name no language. A post in several "
        "languages may list them, separated by commas.",
    ),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Also under View → Dim Other Paragraphs in Focus Mode."),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        "Opened when BlogDesk starts without --library or BLOGDESK_LIBRARY.",
    ),
    QT_TRANSLATE_NOOP(
        "PreferencesDialog",
        "Where Publish sends a post that has not been on a blog yet (an account id).",
    ),
    # spin box texts for 0
    QT_TRANSLATE_NOOP("PreferencesDialog", "System size"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Whole pane"),
    # choices, as the lists show them (capitalised)
    QT_TRANSLATE_NOOP("PreferencesDialog", "System"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Light"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Dark"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Draft"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Published"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Scheduled"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Pending"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Private"),
)
