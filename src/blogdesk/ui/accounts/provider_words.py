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
    # field help (the fields' tooltips)
    QT_TRANSLATE_NOOP("AddBlogForm", "The address of the blog's home page."),
    QT_TRANSLATE_NOOP("AddBlogForm", "The name you log in to WordPress with."),
    QT_TRANSLATE_NOOP(
        "AddBlogForm",
        "Create one in WordPress under Users → Profile → Application Passwords. It is not your "
        "login password.",
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm", "Your login password, or on WordPress 5.6+ an application password."
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm", "Which XML-RPC API to use; 'auto' picks the best the blog offers."
    ),
    QT_TRANSLATE_NOOP("AddBlogForm", "Only when discovery cannot find it (e.g. .../xmlrpc.php)."),
    QT_TRANSLATE_NOOP("AddBlogForm", "The top folder of the Hugo or Jekyll site."),
    QT_TRANSLATE_NOOP(
        "AddBlogForm", "Run in the site folder after each change; leave empty for none."
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm",
        "auto: commit when the folder is a git repository, and push when it has a remote.",
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm", "Create one under Settings → Extensions → DEV Community API Keys."
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm", "Where the post first appeared; {slug} is replaced by its slug."
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm", "The Ghost site's address, or its admin address if that differs."
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm",
        "Create one in Ghost under Settings → Integrations → Add custom integration, and copy "
        "its Admin API key (it looks like 6489...:a1b2..., an id, a colon and a long hex "
        "secret).",
    ),
    QT_TRANSLATE_NOOP(
        "AddBlogForm",
        "On: readers see exactly the preview, and Ghost's editor shows the post as one HTML "
        "card. Off: Ghost converts the post into its own cards, editable in its editor, and "
        "renders them its own way (quotes, code and footnotes may change).",
    ),
    QT_TRANSLATE_NOOP("AddBlogForm", "The home page that names your Micropub endpoint."),
    QT_TRANSLATE_NOOP(
        "AddBlogForm",
        "Leave empty to sign in in your browser (IndieAuth). Micro.blog: or paste an app token "
        "from Account → App tokens.",
    ),
    QT_TRANSLATE_NOOP("AddBlogForm", "For an account with several blogs: the blog's address."),
    QT_TRANSLATE_NOOP("AddBlogForm", "Filled in by “Sign in with Google” (your browser opens)."),
)
