<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Blogs</source>
        <translation>Blogs</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>Change &amp;Password…</source>
        <translation>&amp;Passwort ändern…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Keep for This &amp;Session Only</source>
        <translation>Nur für diese &amp;Sitzung behalten</translation>
    </message>
    <message>
        <source>Your blogs:</source>
        <translation>Ihre Blogs:</translation>
    </message>
    <message>
        <source>Something went wrong ({kind}: {error}).</source>
        <translation>Etwas ist schiefgegangen ({kind}: {error}).</translation>
    </message>
    <message>
        <source>Testing “{name}”…</source>
        <translation>„{name}“ wird getestet…</translation>
    </message>
    <message>
        <source>Rename Blog</source>
        <translation>Blog umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>“{name}” cannot be used: give a name no other blog has.</source>
        <translation>„{name}“ kann nicht verwendet werden: Geben Sie einen Namen, den kein anderes Blog hat.</translation>
    </message>
    <message>
        <source>Application Password</source>
        <translation>Anwendungspasswort</translation>
    </message>
    <message>
        <source>New application password for {name}:</source>
        <translation>Neues Anwendungspasswort für {name}:</translation>
    </message>
    <message>
        <source>Saving the password and testing it…</source>
        <translation>Das Passwort wird gespeichert und getestet…</translation>
    </message>
    <message>
        <source>Remove Blog</source>
        <translation>Blog entfernen</translation>
    </message>
    <message>
        <source>Remove “{name}” from BlogDesk? Its password is deleted from the keyring. Your posts and the blog itself are not touched.</source>
        <translation>„{name}“ aus BlogDesk entfernen? Sein Passwort wird aus dem Schlüsselbund gelöscht. Ihre Beiträge und das Blog selbst bleiben unberührt.</translation>
    </message>
    <message>
        <source>Removed “{name}”.</source>
        <translation>„{name}“ wurde entfernt.</translation>
    </message>
</context>
<context>
    <name>AddBlogForm</name>
    <message>
        <source>Found: {site}</source>
        <translation>Gefunden: {site}</translation>
    </message>
    <message>
        <source>API: {url}</source>
        <translation>Schnittstelle: {url}</translation>
    </message>
    <message>
        <source>Application passwords: available</source>
        <translation>Anwendungspasswörter: verfügbar</translation>
    </message>
    <message>
        <source>Application passwords: NOT available on this site</source>
        <translation>Anwendungspasswörter: auf dieser Website NICHT verfügbar</translation>
    </message>
    <message>
        <source>Application passwords: unknown</source>
        <translation>Anwendungspasswörter: unbekannt</translation>
    </message>
    <message>
        <source>Time zone: {zone}</source>
        <translation>Zeitzone: {zone}</translation>
    </message>
    <message>
        <source>the blog</source>
        <translation>das Blog</translation>
    </message>
    <message>
        <source>Connected to {site} as {who}{roles}.</source>
        <translation>Verbunden mit {site} als {who}{roles}.</translation>
    </message>
    <message>
        <source>This user may not publish posts (only submit them for review).</source>
        <translation>Dieser Benutzer darf keine Beiträge veröffentlichen (nur zur Prüfung einreichen).</translation>
    </message>
    <message>
        <source>This user may not upload images.</source>
        <translation>Dieser Benutzer darf keine Bilder hochladen.</translation>
    </message>
    <message>
        <source>Add a blog</source>
        <translation>Blog hinzufügen</translation>
    </message>
    <message>
        <source>what you call this blog</source>
        <translation>wie Sie dieses Blog nennen</translation>
    </message>
    <message>
        <source>&amp;Find My Blog</source>
        <translation>Mein Blog &amp;finden</translation>
    </message>
    <message>
        <source>Open the Application &amp;Passwords Page</source>
        <translation>Seite für &amp;Anwendungspasswörter öffnen</translation>
    </message>
    <message>
        <source>Test and &amp;Add</source>
        <translation>Testen und &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>Plattform:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>{field}:</source>
        <translation>{field}:</translation>
    </message>
    <message>
        <source>Looking for the blog…</source>
        <translation>Das Blog wird gesucht…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Please fill in: {fields}.</source>
        <translation>Bitte ausfüllen: {fields}.</translation>
    </message>
    <message>
        <source>Checking the blog and your password…</source>
        <translation>Das Blog und Ihr Passwort werden geprüft…</translation>
    </message>
    <message>
        <source>Added “{name}”. {info}
The password is kept in {storage}.</source>
        <translation>„{name}“ wurde hinzugefügt. {info}
Das Passwort wird hier aufbewahrt: {storage}.</translation>
    </message>
    <message>
        <source>WordPress (REST API)</source>
        <translation>WordPress (REST-Schnittstelle)</translation>
    </message>
    <message>
        <source>XML-RPC (WordPress, MetaWeblog, Movable Type, Blogger)</source>
        <translation>XML-RPC (WordPress, MetaWeblog, Movable Type, Blogger)</translation>
    </message>
    <message>
        <source>Static site folder (Hugo, Jekyll)</source>
        <translation>Ordner einer statischen Website (Hugo, Jekyll)</translation>
    </message>
    <message>
        <source>DEV / Forem</source>
        <translation>DEV / Forem</translation>
    </message>
    <message>
        <source>Ghost (Admin API)</source>
        <translation>Ghost (Admin-Schnittstelle)</translation>
    </message>
    <message>
        <source>Micropub (Micro.blog, IndieWeb sites)</source>
        <translation>Micropub (Micro.blog, IndieWeb-Websites)</translation>
    </message>
    <message>
        <source>Blogger</source>
        <translation>Blogger</translation>
    </message>
    <message>
        <source>Blog address</source>
        <translation>Adresse des Blogs</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Application password</source>
        <translation>Anwendungspasswort</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>API</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>XML-RPC address</source>
        <translation>XML-RPC-Adresse</translation>
    </message>
    <message>
        <source>Site folder</source>
        <translation>Ordner der Website</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>Generator</translation>
    </message>
    <message>
        <source>Build command</source>
        <translation>Befehl zum Erstellen</translation>
    </message>
    <message>
        <source>Git</source>
        <translation>Git</translation>
    </message>
    <message>
        <source>Community address</source>
        <translation>Adresse der Community</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Canonical address</source>
        <translation>Kanonische Adresse</translation>
    </message>
    <message>
        <source>Admin API key</source>
        <translation>Admin-API-Schlüssel</translation>
    </message>
    <message>
        <source>Keep BlogDesk&apos;s HTML exactly</source>
        <translation>HTML von BlogDesk unverändert übernehmen</translation>
    </message>
    <message>
        <source>Your site&apos;s address</source>
        <translation>Adresse Ihrer Website</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Blog (Micro.blog)</source>
        <translation>Blog (bei Micro.blog)</translation>
    </message>
    <message>
        <source>Google account</source>
        <translation>Google-Konto</translation>
    </message>
    <message>
        <source>Google sign-in</source>
        <translation>Google-Anmeldung</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>Commit (ohne Push)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>The address of the blog&apos;s home page.</source>
        <translation>Die Adresse der Startseite des Blogs.</translation>
    </message>
    <message>
        <source>The name you log in to WordPress with.</source>
        <translation>Der Name, mit dem Sie sich bei WordPress anmelden.</translation>
    </message>
    <message>
        <source>Create one in WordPress under Users → Profile → Application Passwords. It is not your login password.</source>
        <translation>Legen Sie eines in WordPress unter Benutzer → Profil → Anwendungspasswörter an. Es ist nicht Ihr Anmeldepasswort.</translation>
    </message>
    <message>
        <source>Your login password, or on WordPress 5.6+ an application password.</source>
        <translation>Ihr Anmeldepasswort, oder ab WordPress 5.6 ein Anwendungspasswort.</translation>
    </message>
    <message>
        <source>Which XML-RPC API to use; &apos;auto&apos; picks the best the blog offers.</source>
        <translation>Welche XML-RPC-Schnittstelle verwendet wird; „automatisch“ nimmt die beste, die das Blog anbietet.</translation>
    </message>
    <message>
        <source>Only when discovery cannot find it (e.g. .../xmlrpc.php).</source>
        <translation>Nur wenn die automatische Suche sie nicht findet (z. B. .../xmlrpc.php).</translation>
    </message>
    <message>
        <source>The top folder of the Hugo or Jekyll site.</source>
        <translation>Der oberste Ordner der Hugo- oder Jekyll-Website.</translation>
    </message>
    <message>
        <source>Run in the site folder after each change; leave empty for none.</source>
        <translation>Wird nach jeder Änderung im Ordner der Website ausgeführt; leer lassen für keinen.</translation>
    </message>
    <message>
        <source>auto: commit when the folder is a git repository, and push when it has a remote.</source>
        <translation>automatisch: Commit, wenn der Ordner ein Git-Repository ist, und Push, wenn es ein Remote hat.</translation>
    </message>
    <message>
        <source>Create one under Settings → Extensions → DEV Community API Keys.</source>
        <translation>Legen Sie einen unter Settings → Extensions → DEV Community API Keys an.</translation>
    </message>
    <message>
        <source>Where the post first appeared; {slug} is replaced by its slug.</source>
        <translation>Wo der Beitrag zuerst erschien; {slug} wird durch seine Titelform ersetzt.</translation>
    </message>
    <message>
        <source>The Ghost site&apos;s address, or its admin address if that differs.</source>
        <translation>Die Adresse der Ghost-Website, oder ihre Admin-Adresse, wenn diese abweicht.</translation>
    </message>
    <message>
        <source>Create one in Ghost under Settings → Integrations → Add custom integration, and copy its Admin API key (it looks like 6489...:a1b2..., an id, a colon and a long hex secret).</source>
        <translation>Legen Sie in Ghost unter Settings → Integrations → Add custom integration eine an und kopieren Sie ihren Admin-API-Schlüssel (er sieht aus wie 6489...:a1b2..., eine ID, ein Doppelpunkt und ein langes Hex-Geheimnis).</translation>
    </message>
    <message>
        <source>On: readers see exactly the preview, and Ghost&apos;s editor shows the post as one HTML card. Off: Ghost converts the post into its own cards, editable in its editor, and renders them its own way (quotes, code and footnotes may change).</source>
        <translation>An: Leser sehen genau die Vorschau, und der Editor von Ghost zeigt den Beitrag als eine HTML-Karte. Aus: Ghost wandelt den Beitrag in eigene Karten um, die in seinem Editor bearbeitbar sind, und stellt sie auf seine Weise dar (Zitate, Code und Fußnoten können sich ändern).</translation>
    </message>
    <message>
        <source>The home page that names your Micropub endpoint.</source>
        <translation>Die Startseite, die Ihren Micropub-Endpunkt nennt.</translation>
    </message>
    <message>
        <source>Leave empty to sign in in your browser (IndieAuth). Micro.blog: or paste an app token from Account → App tokens.</source>
        <translation>Leer lassen, um sich im Browser anzumelden (IndieAuth). Micro.blog: oder ein App-Token aus Account → App tokens einfügen.</translation>
    </message>
    <message>
        <source>For an account with several blogs: the blog&apos;s address.</source>
        <translation>Bei einem Konto mit mehreren Blogs: die Adresse des Blogs.</translation>
    </message>
    <message>
        <source>Filled in by “Sign in with Google” (your browser opens).</source>
        <translation>Wird durch die Anmeldung bei Google ausgefüllt (Ihr Browser öffnet sich).</translation>
    </message>
</context>
<context>
    <name>BlogPage</name>
    <message>
        <source>Add your blog</source>
        <translation>Ihr Blog hinzufügen</translation>
    </message>
    <message>
        <source>WordPress, Ghost, Micropub, Blogger, Forem or a static site folder.</source>
        <translation>WordPress, Ghost, Micropub, Blogger, Forem oder der Ordner einer statischen Website.</translation>
    </message>
    <message>
        <source>&amp;Add a Blog…</source>
        <translation>Blog &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>No blog added yet.</source>
        <translation>Noch kein Blog hinzugefügt.</translation>
    </message>
    <message>
        <source>&amp;Fetch Posts from the Blog</source>
        <translation>Beiträge vom Blog &amp;laden</translation>
    </message>
    <message>
        <source>Your blogs: {blogs}</source>
        <translation>Ihre Blogs: {blogs}</translation>
    </message>
    <message>
        <source>Fetching the posts of “{name}”…</source>
        <translation>Die Beiträge von „{name}“ werden geladen…</translation>
    </message>
    <message>
        <source>Fetched {created} new posts and updated {updated}.</source>
        <translation>{created} neue Beiträge geladen und {updated} aktualisiert.</translation>
    </message>
    <message>
        <source>Fetching was cancelled.</source>
        <translation>Das Laden wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Fetching failed ({kind}).</source>
        <translation>Das Laden ist fehlgeschlagen ({kind}).</translation>
    </message>
</context>
<context>
    <name>BrowserSignIn</name>
    <message>
        <source>Waiting for the browser… Approve BlogDesk there, or press Cancel.</source>
        <translation>Warten auf den Browser… Erlauben Sie BlogDesk dort den Zugriff, oder klicken Sie auf „Abbrechen“.</translation>
    </message>
    <message>
        <source>Blogger needs a Google OAuth client ID: enter the client ID of your Google Cloud OAuth client (type “Desktop app”) in “Google client ID” (and its client secret, if Google gave you one), then press “Sign In in Browser…” again. See docs/providers.md.</source>
        <translation>Blogger braucht eine Google-OAuth-Client-ID: Tragen Sie die Client-ID Ihres Google-Cloud-OAuth-Clients (Typ „Desktop-App“) unter „Google-Client-ID“ ein (und sein Client-Secret, falls Google Ihnen eines gegeben hat), und klicken Sie dann erneut auf „Im Browser anmelden…“. Siehe docs/providers.md.</translation>
    </message>
    <message>
        <source>Sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The client ID of your Google Cloud OAuth client.</source>
        <translation>Die Client-ID Ihres Google-Cloud-OAuth-Clients.</translation>
    </message>
    <message>
        <source>Google client ID:</source>
        <translation>Google-Client-ID:</translation>
    </message>
    <message>
        <source>Google client secret:</source>
        <translation>Google-Client-Secret:</translation>
    </message>
    <message>
        <source>Sign In in &amp;Browser…</source>
        <translation>Im &amp;Browser anmelden…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Signed in. Press “Test and Add” to check the blog and save it (the token goes to the keyring).</source>
        <translation>Angemeldet. Klicken Sie auf „Testen und hinzufügen“, um das Blog zu prüfen und zu speichern (das Token kommt in den Schlüsselbund).</translation>
    </message>
    <message>
        <source>Please fill in your site&apos;s address first, then sign in.</source>
        <translation>Bitte tragen Sie zuerst die Adresse Ihrer Website ein und melden Sie sich dann an.</translation>
    </message>
    <message>
        <source>Google did not give BlogDesk a lasting sign-in (no refresh token). Sign in again.</source>
        <translation>Google hat BlogDesk keine dauerhafte Anmeldung gegeben (kein Aktualisierungstoken). Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>excerpt</source>
        <translation>Auszug</translation>
    </message>
    <message>
        <source>featured image</source>
        <translation>Beitragsbild</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Line {line}, column {column}</source>
        <translation>Zeile {line}, Spalte {column}</translation>
    </message>
    <message>
        <source>Properties ▸ {field}</source>
        <translation>Eigenschaften ▸ {field}</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}: {message}</translation>
    </message>
    <message>
        <source>Before publishing “{title}”</source>
        <translation>Vor dem Veröffentlichen von „{title}“</translation>
    </message>
    <message>
        <source>Before publishing</source>
        <translation>Vor dem Veröffentlichen</translation>
    </message>
    <message>
        <source>{n} problem</source>
        <translation>{n} Problem</translation>
    </message>
    <message>
        <source>{n} problems</source>
        <translation>{n} Probleme</translation>
    </message>
    <message>
        <source>&lt;b&gt;{problems} to fix before publishing&lt;/b&gt; and {warnings}. Double-click an entry to go there.</source>
        <translation>&lt;b&gt;{problems} vor dem Veröffentlichen zu beheben&lt;/b&gt; und {warnings}. Doppelklicken Sie auf einen Eintrag, um dorthin zu gehen.</translation>
    </message>
    <message>
        <source>{n} warning</source>
        <translation>{n} Warnung</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} Warnungen</translation>
    </message>
    <message>
        <source>&lt;b&gt;{problems} to fix before publishing&lt;/b&gt;. Double-click an entry to go there.</source>
        <translation>&lt;b&gt;{problems} vor dem Veröffentlichen zu beheben&lt;/b&gt;. Doppelklicken Sie auf einen Eintrag, um dorthin zu gehen.</translation>
    </message>
    <message>
        <source>{n} thing</source>
        <translation>{n} Hinweis</translation>
    </message>
    <message>
        <source>{n} things</source>
        <translation>{n} Hinweise</translation>
    </message>
    <message>
        <source>&lt;b&gt;{things} to look at&lt;/b&gt; (nothing blocks publishing). Double-click an entry to go there.</source>
        <translation>&lt;b&gt;{things} zum Ansehen&lt;/b&gt; (nichts verhindert das Veröffentlichen). Doppelklicken Sie auf einen Eintrag, um dorthin zu gehen.</translation>
    </message>
    <message>
        <source>{severity}: {check}</source>
        <translation>{severity}: {check}</translation>
    </message>
    <message>
        <source>Publish &amp;Anyway</source>
        <translation>&amp;Trotzdem veröffentlichen</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>&amp;Back to Editing</source>
        <translation>&amp;Zurück zum Bearbeiten</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>{name} (on disk)</source>
        <translation>{name} (auf der Festplatte)</translation>
    </message>
    <message>
        <source>{name} (in BlogDesk)</source>
        <translation>{name} (in BlogDesk)</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>Die beiden Fassungen sind gleich.</translation>
    </message>
    <message>
        <source>Post changed on disk</source>
        <translation>Beitrag auf der Festplatte geändert</translation>
    </message>
    <message>
        <source>“{name}” was changed by another program while you were editing it here.
Which version do you want to keep?</source>
        <translation>„{name}“ wurde von einem anderen Programm geändert, während Sie ihn hier bearbeitet haben.
Welche Fassung möchten Sie behalten?</translation>
    </message>
    <message>
        <source>&amp;Keep Mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <source>&amp;Reload from Disk</source>
        <translation>Von der Festplatte &amp;neu laden</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Vergleichen…</translation>
    </message>
    <message>
        <source>Replace the text here with the file on disk (undoable)</source>
        <translation>Den Text hier durch die Datei auf der Festplatte ersetzen (rückgängig machbar)</translation>
    </message>
    <message>
        <source>Write the text here over the file on disk</source>
        <translation>Den Text hier über die Datei auf der Festplatte schreiben</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <source>Restored unsaved text of {name} from the recovery journal</source>
        <translation>Ungespeicherter Text von {name} aus dem Wiederherstellungsjournal zurückgeholt</translation>
    </message>
    <message>
        <source>Unsaved text of 1 other post is kept in {folder}</source>
        <translation>Ungespeicherter Text eines weiteren Beitrags liegt in {folder}</translation>
    </message>
    <message>
        <source>Unsaved text of {count} other posts is kept in {folder}</source>
        <translation>Ungespeicherter Text von {count} weiteren Beiträgen liegt in {folder}</translation>
    </message>
    <message>
        <source>{name}: back to the saved file&apos;s text</source>
        <translation>{name}: zurück zum Text der gespeicherten Datei</translation>
    </message>
    <message>
        <source>BlogDesk cannot start</source>
        <translation>BlogDesk kann nicht starten</translation>
    </message>
</context>
<context>
    <name>DocumentController</name>
    <message>
        <source>Could not open {name}: {reason}</source>
        <translation>{name} konnte nicht geöffnet werden: {reason}</translation>
    </message>
    <message>
        <source>The open post</source>
        <translation>Der geöffnete Beitrag</translation>
    </message>
    <message>
        <source>{name} could not be saved, so it stays open: {state}</source>
        <translation>{name} konnte nicht gespeichert werden und bleibt deshalb geöffnet: {state}</translation>
    </message>
    <message>
        <source>Could not follow the renamed file: {error}</source>
        <translation>Der umbenannten Datei konnte nicht gefolgt werden: {error}</translation>
    </message>
    <message>
        <source>{name} was changed by another program</source>
        <translation>{name} wurde von einem anderen Programm geändert</translation>
    </message>
    <message>
        <source>{name} was deleted on disk; saving will write it again</source>
        <translation>{name} wurde auf der Festplatte gelöscht; beim Speichern wird die Datei neu geschrieben</translation>
    </message>
    <message>
        <source>Reloaded {name}: it was changed outside BlogDesk</source>
        <translation>{name} neu geladen: Die Datei wurde außerhalb von BlogDesk geändert</translation>
    </message>
    <message>
        <source>Could not reload {name}: {error}</source>
        <translation>{name} konnte nicht neu geladen werden: {error}</translation>
    </message>
    <message>
        <source>Unsaved: changed on disk</source>
        <translation>Nicht gespeichert: auf der Festplatte geändert</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Unsaved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Save failed: {reason}</source>
        <translation>Speichern fehlgeschlagen: {reason}</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Ready to write</source>
        <translation>Bereit zum Schreiben</translation>
    </message>
    <message>
        <source>BlogDesk opens when you choose Finish.</source>
        <translation>BlogDesk öffnet sich, wenn Sie „Abschließen“ wählen.</translation>
    </message>
    <message>
        <source>Your library: {folder}</source>
        <translation>Ihre Bibliothek: {folder}</translation>
    </message>
    <message>
        <source>Brought in: {imported} imported, {fetched} fetched from your blog.</source>
        <translation>Übernommen: {imported} importiert, {fetched} von Ihrem Blog geladen.</translation>
    </message>
    <message>
        <source>A new post: File → New Post. Your blogs: Blog → Blogs…</source>
        <translation>Ein neuer Beitrag: Datei → Neuer Beitrag. Ihre Blogs: Blog → Blogs…</translation>
    </message>
    <message>
        <source>To see this assistant again, start BlogDesk with: blogdesk --first-run</source>
        <translation>Um diesen Assistenten erneut zu sehen, starten Sie BlogDesk mit: blogdesk --first-run</translation>
    </message>
</context>
<context>
    <name>EditorImages</name>
    <message>
        <source>The image reference changed while the dialog was open.</source>
        <translation>Der Bildverweis hat sich geändert, während der Dialog geöffnet war.</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word-Dokument (*.docx)</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportiert nach {path}</translation>
    </message>
    <message>
        <source>Open a post to export it.</source>
        <translation>Öffnen Sie einen Beitrag, um ihn zu exportieren.</translation>
    </message>
    <message>
        <source>Export Post</source>
        <translation>Beitrag exportieren</translation>
    </message>
    <message>
        <source>The PDF could not be written to {path}.</source>
        <translation>Das PDF konnte nicht nach {path} geschrieben werden.</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Export fehlgeschlagen: {reason}</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Rege&amp;x</source>
        <translation>Rege&amp;x</translation>
    </message>
    <message>
        <source>Treat the search text as a regular expression</source>
        <translation>Den Suchtext als regulären Ausdruck behandeln</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>&amp;Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <source>Tell capital and small letters apart</source>
        <translation>Groß- und Kleinbuchstaben unterscheiden</translation>
    </message>
    <message>
        <source>&amp;Whole words</source>
        <translation>Ganze &amp;Wörter</translation>
    </message>
    <message>
        <source>Only match whole words, not parts of longer words</source>
        <translation>Nur ganze Wörter finden, keine Teile längerer Wörter</translation>
    </message>
    <message>
        <source>Replace:</source>
        <translation>Ersetzen:</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Find the next match (Enter, F3)</source>
        <translation>Nächsten Treffer suchen (Eingabe, F3)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Find the previous match (Shift+F3)</source>
        <translation>Vorherigen Treffer suchen (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace this match and find the next (Enter)</source>
        <translation>Diesen Treffer ersetzen und den nächsten suchen (Eingabe)</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Replace every match (one undo step)</source>
        <translation>Alle Treffer ersetzen (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>Suchleiste schließen (Esc)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Suchen:</translation>
    </message>
    <message>
        <source>Invalid expression: {error}</source>
        <translation>Ungültiger Ausdruck: {error}</translation>
    </message>
    <message>
        <source>Invalid replacement: {error}</source>
        <translation>Ungültige Ersetzung: {error}</translation>
    </message>
    <message>
        <source>{n} replacement</source>
        <translation>{n} Ersetzung</translation>
    </message>
    <message>
        <source>{n} replacements</source>
        <translation>{n} Ersetzungen</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
</context>
<context>
    <name>FirstRunAssistant</name>
    <message>
        <source>Welcome to BlogDesk</source>
        <translation>Willkommen bei BlogDesk</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>Ü&amp;berspringen</translation>
    </message>
    <message>
        <source>Skip &amp;All</source>
        <translation>&amp;Alle überspringen</translation>
    </message>
    <message>
        <source>Suggested: {name} in your Documents folder, next to your other documents: easy to find, and backed up with them.</source>
        <translation>Vorschlag: {name} in Ihrem Ordner „Dokumente“, neben Ihren anderen Dokumenten: leicht zu finden und mit ihnen gesichert.</translation>
    </message>
    <message>
        <source>Suggested: BlogDesk&apos;s own data folder. Any folder will do.</source>
        <translation>Vorschlag: der eigene Datenordner von BlogDesk. Jeder Ordner ist möglich.</translation>
    </message>
    <message>
        <source>Opening the library in {folder}…</source>
        <translation>Die Bibliothek in {folder} wird geöffnet…</translation>
    </message>
    <message>
        <source>This folder cannot be used: {reason}</source>
        <translation>Dieser Ordner kann nicht verwendet werden: {reason}</translation>
    </message>
    <message>
        <source>BlogDesk cannot start</source>
        <translation>BlogDesk kann nicht starten</translation>
    </message>
</context>
<context>
    <name>FolderLook</name>
    <message>
        <source>{count} post</source>
        <translation>{count} Beitrag</translation>
    </message>
    <message>
        <source>{count} posts</source>
        <translation>{count} Beiträge</translation>
    </message>
    <message>
        <source>A new, empty library will be made in this folder.</source>
        <translation>In diesem Ordner wird eine neue, leere Bibliothek angelegt.</translation>
    </message>
    <message>
        <source>This folder is empty: your library starts here.</source>
        <translation>Dieser Ordner ist leer: Ihre Bibliothek beginnt hier.</translation>
    </message>
    <message>
        <source>A BlogDesk library is already here ({count}): BlogDesk opens it.</source>
        <translation>Hier ist bereits eine BlogDesk-Bibliothek ({count}): BlogDesk öffnet sie.</translation>
    </message>
    <message>
        <source>Jekyll site recognised ({count} in _posts/ and the other folders). BlogDesk uses the folder as it is: nothing is moved or rewritten, and your site still builds with Jekyll.</source>
        <translation>Jekyll-Website erkannt ({count} in _posts/ und den anderen Ordnern). BlogDesk verwendet den Ordner, wie er ist: Nichts wird verschoben oder umgeschrieben, und Ihre Website lässt sich weiter mit Jekyll erstellen.</translation>
    </message>
    <message>
        <source>Hugo site recognised ({count} in content/ and the other folders). BlogDesk uses the folder as it is: nothing is moved or rewritten, and your site still builds with Hugo.</source>
        <translation>Hugo-Website erkannt ({count} in content/ und den anderen Ordnern). BlogDesk verwendet den Ordner, wie er ist: Nichts wird verschoben oder umgeschrieben, und Ihre Website lässt sich weiter mit Hugo erstellen.</translation>
    </message>
    <message>
        <source>Folder of Markdown recognised ({count}). BlogDesk uses it as it is: nothing is moved or rewritten.</source>
        <translation>Markdown-Ordner erkannt ({count}). BlogDesk verwendet ihn, wie er ist: Nichts wird verschoben oder umgeschrieben.</translation>
    </message>
    <message>
        <source>This is a file, not a folder: choose a folder for the library.</source>
        <translation>Das ist eine Datei, kein Ordner: Wählen Sie einen Ordner für die Bibliothek.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Not in a menu</source>
        <translation>In keinem Menü</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>BlogDesk User Guide</source>
        <translation>BlogDesk-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation: {reason}</source>
        <translation>Das Benutzerhandbuch fehlt in dieser Installation: {reason}</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>published</source>
        <translation>veröffentlicht</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Open a post to see its versions.</source>
        <translation>Öffnen Sie einen Beitrag, um seine Versionen zu sehen.</translation>
    </message>
    <message>
        <source>Pick a version to see what changed since.</source>
        <translation>Version wählen, um Änderungen zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Restore this version</source>
        <translation>Diese Version &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>The history cannot be read: {reason}</source>
        <translation>Der Verlauf kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>Open a post from the library to see its versions.</source>
        <translation>Öffnen Sie einen Beitrag aus der Bibliothek, um seine Versionen zu sehen.</translation>
    </message>
    <message>
        <source>This library keeps no history.</source>
        <translation>Diese Bibliothek führt keinen Verlauf.</translation>
    </message>
    <message>
        <source>1 version</source>
        <translation>1 Version</translation>
    </message>
    <message>
        <source>{count} versions</source>
        <translation>{count} Versionen</translation>
    </message>
    <message>
        <source>on the blog now: {blogs}</source>
        <translation>jetzt im Blog: {blogs}</translation>
    </message>
    <message>
        <source>sent to {blogs}</source>
        <translation>gesendet an {blogs}</translation>
    </message>
    <message>
        <source>another computer</source>
        <translation>einem anderen Rechner</translation>
    </message>
    <message>
        <source>made on {machine}</source>
        <translation>erstellt auf {machine}</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>The text now is the same as this version.</source>
        <translation>Der jetzige Text stimmt mit dieser Version überein.</translation>
    </message>
    <message>
        <source>&lt;p&gt;From this version ({version}) to the text now: &lt;span style=&quot;color:#900&quot;&gt;&lt;s&gt;removed&lt;/s&gt;&lt;/span&gt;, &lt;span style=&quot;color:#060&quot;&gt;added&lt;/span&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Von dieser Version ({version}) bis zum jetzigen Text: &lt;span style=&quot;color:#900&quot;&gt;&lt;s&gt;entfernt&lt;/s&gt;&lt;/span&gt;, &lt;span style=&quot;color:#060&quot;&gt;hinzugefügt&lt;/span&gt;.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>HistoryUi</name>
    <message>
        <source>&amp;History</source>
        <translation>Ve&amp;rlauf</translation>
    </message>
    <message>
        <source>S&amp;ync with Other Machines</source>
        <translation>Mit anderen Rechnern &amp;synchronisieren</translation>
    </message>
    <message>
        <source>The version is back in the editor (Undo takes it back).</source>
        <translation>Die Version ist wieder im Editor (Rückgängig nimmt das zurück).</translation>
    </message>
    <message>
        <source>Could not update the draft on the blog: {reason}</source>
        <translation>Der Entwurf im Blog konnte nicht aktualisiert werden: {reason}</translation>
    </message>
    <message>
        <source>History: {reason}</source>
        <translation>Verlauf: {reason}</translation>
    </message>
    <message>
        <source>Sync with Other Machines</source>
        <translation>Mit anderen Rechnern synchronisieren</translation>
    </message>
    <message>
        <source>A git repository to sync this library through: a bare repository&apos;s folder (on a disk or a NAS), or an https:// or ssh:// address.</source>
        <translation>Ein Git-Repository, über das diese Bibliothek synchronisiert wird: der Ordner eines Bare-Repositorys (auf einem Datenträger oder NAS) oder eine https://- oder ssh://-Adresse.</translation>
    </message>
    <message>
        <source>Syncing with {address}…</source>
        <translation>Synchronisiere mit {address}…</translation>
    </message>
    <message>
        <source>Syncing needs the library&apos;s history, which is turned off.</source>
        <translation>Zum Synchronisieren wird der Verlauf der Bibliothek benötigt, der ausgeschaltet ist.</translation>
    </message>
    <message>
        <source>Synced. Both machines changed a post; the other version is kept in {files}.</source>
        <translation>Synchronisiert. Beide Rechner haben einen Beitrag geändert; die andere Version liegt in {files}.</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Synchronisiert.</translation>
    </message>
    <message>
        <source>Synced: nothing new.</source>
        <translation>Synchronisiert: nichts Neues.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisieren</translation>
    </message>
</context>
<context>
    <name>ImageDialog</name>
    <message>
        <source>Describe the image for readers who cannot see it.</source>
        <translation>Beschreiben Sie das Bild für Leser, die es nicht sehen können.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Mittig</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>Bild einfügen</translation>
    </message>
    <message>
        <source>Edit image</source>
        <translation>Bild bearbeiten</translation>
    </message>
    <message>
        <source>Image details</source>
        <translation>Bilddetails</translation>
    </message>
    <message>
        <source>(no preview)</source>
        <translation>(keine Vorschau)</translation>
    </message>
    <message>
        <source>What the image shows, for screen readers</source>
        <translation>Was das Bild zeigt, für Screenreader</translation>
    </message>
    <message>
        <source>&amp;Decorative: nothing to describe</source>
        <translation>&amp;Dekorativ: nichts zu beschreiben</translation>
    </message>
    <message>
        <source>Shown under the image (optional)</source>
        <translation>Unter dem Bild angezeigt (optional)</translation>
    </message>
    <message>
        <source>This caption holds HTML; it is written as it stands.</source>
        <translation>Diese Bildunterschrift enthält HTML; sie wird unverändert geschrieben.</translation>
    </message>
    <message>
        <source>&amp;Width</source>
        <translation>&amp;Breite</translation>
    </message>
    <message>
        <source>No link</source>
        <translation>Kein Link</translation>
    </message>
    <message>
        <source>The image file</source>
        <translation>Die Bilddatei</translation>
    </message>
    <message>
        <source>A web address</source>
        <translation>Eine Webadresse</translation>
    </message>
    <message>
        <source>Don&apos;t ask for dropped or pasted images</source>
        <translation>Bei abgelegten oder eingefügten Bildern nicht fragen</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>&amp;Alt text:</source>
        <translation>&amp;Alternativtext:</translation>
    </message>
    <message>
        <source>&amp;Caption:</source>
        <translation>Bild&amp;unterschrift:</translation>
    </message>
    <message>
        <source>Ali&amp;gnment:</source>
        <translation>Aus&amp;richtung:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation>&amp;Link:</translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation>Schreibt:</translation>
    </message>
    <message>
        <source>&amp;Original size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>&amp;Original size ({width} × {height} px)</source>
        <translation>&amp;Originalgröße ({width} × {height} px)</translation>
    </message>
    <message>
        <source>× {height} px</source>
        <translation>× {height} px</translation>
    </message>
    <message>
        <source>If it only decorates the post, tick “Decorative”.</source>
        <translation>Wenn es den Beitrag nur schmückt, kreuzen Sie „Dekorativ“ an.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importing the WordPress export &lt;b&gt;{name}&lt;/b&gt;…</source>
        <translation>Der WordPress-Export &lt;b&gt;{name}&lt;/b&gt; wird importiert…</translation>
    </message>
    <message>
        <source>Importing the folder &lt;b&gt;{name}&lt;/b&gt;…</source>
        <translation>Der Ordner &lt;b&gt;{name}&lt;/b&gt; wird importiert…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>{progress} — stopping after this item</source>
        <translation>{progress} – Halt nach diesem Eintrag</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} von {total}</translation>
    </message>
    <message>
        <source>an unexpected error ({error})</source>
        <translation>ein unerwarteter Fehler ({error})</translation>
    </message>
    <message>
        <source>The import did not run.</source>
        <translation>Der Import wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Did not run</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Import abgebrochen.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Import finished with problems.</source>
        <translation>Import mit Problemen abgeschlossen.</translation>
    </message>
    <message>
        <source>%v of %m items read</source>
        <translation>%v von %m Einträgen gelesen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>Import abgeschlossen.</translation>
    </message>
    <message>
        <source>Imported {imported}, updated {updated}, skipped {skipped}, failed {failed}, warnings {warnings}</source>
        <translation>Importiert {imported}, aktualisiert {updated}, übersprungen {skipped}, fehlgeschlagen {failed}, Warnungen {warnings}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Import a WordPress export</source>
        <translation>WordPress-Export importieren</translation>
    </message>
    <message>
        <source>WordPress export (*.xml);;All files (*)</source>
        <translation>WordPress-Export (*.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import images?</source>
        <translation>Bilder importieren?</translation>
    </message>
    <message>
        <source>Download the blog&apos;s images into the library&apos;s media folder as well?

Without them, posts keep showing the images from the blog&apos;s web address.</source>
        <translation>Die Bilder des Blogs ebenfalls in den Medienordner der Bibliothek herunterladen?

Ohne sie zeigen die Beiträge weiterhin die Bilder von der Webadresse des Blogs.</translation>
    </message>
    <message>
        <source>Import a Jekyll or Hugo site folder</source>
        <translation>Ordner einer Jekyll- oder Hugo-Website importieren</translation>
    </message>
</context>
<context>
    <name>KeepDraftSwitch</name>
    <message>
        <source>&amp;Keep Draft on the Blog</source>
        <translation>Entwurf im Blog ak&amp;tuell halten</translation>
    </message>
    <message>
        <source>After each pause in typing, update this draft&apos;s copy on the blog (never published)</source>
        <translation>Nach jeder Schreibpause die Kopie dieses Entwurfs im Blog aktualisieren (nie veröffentlicht)</translation>
    </message>
    <message>
        <source>Open a post and add a blog first (Blog → Blogs…)</source>
        <translation>Öffnen Sie zuerst einen Beitrag und fügen Sie ein Blog hinzu (Blog → Blogs…)</translation>
    </message>
    <message>
        <source>&amp;Keep Draft on {blog}</source>
        <translation>Entwurf auf {blog} ak&amp;tuell halten</translation>
    </message>
</context>
<context>
    <name>KeyringPage</name>
    <message>
        <source>Where your blog&apos;s password is kept</source>
        <translation>Wo das Passwort Ihres Blogs aufbewahrt wird</translation>
    </message>
    <message>
        <source>Read this before you add a blog: no keyring works on this computer.</source>
        <translation>Bitte lesen, bevor Sie ein Blog hinzufügen: Auf diesem Computer funktioniert kein Schlüsselbund.</translation>
    </message>
    <message>
        <source>Keep the password for this &amp;session only; add my blog now</source>
        <translation>Passwort nur für diese &amp;Sitzung behalten; mein Blog jetzt hinzufügen</translation>
    </message>
    <message>
        <source>I will set up a &amp;keyring first; add my blog later</source>
        <translation>Ich richte zuerst einen Schlüsselbund &amp;ein; mein Blog später hinzufügen</translation>
    </message>
    <message>
        <source>A keyring works on this computer after all: your blog&apos;s password is kept there. Choose Next.</source>
        <translation>Auf diesem Computer funktioniert doch ein Schlüsselbund: Das Passwort Ihres Blogs wird dort aufbewahrt. Wählen Sie „Weiter“.</translation>
    </message>
    <message>
        <source>BlogDesk is still checking whether a keyring works on this computer</source>
        <translation>BlogDesk prüft noch, ob auf diesem Computer ein Schlüsselbund funktioniert</translation>
    </message>
    <message>
        <source>On this computer no keyring works (keyring said: {problem})</source>
        <translation>Auf diesem Computer funktioniert kein Schlüsselbund (Meldung des Schlüsselbunds: {problem})</translation>
    </message>
    <message>
        <source>install a Secret Service keyring such as GNOME Keyring (on Debian or Ubuntu: &lt;tt&gt;sudo apt install gnome-keyring&lt;/tt&gt;) or KWallet, make sure it is unlocked when you log in to your desktop, then start BlogDesk again</source>
        <translation>Installieren Sie einen Secret-Service-Schlüsselbund wie GNOME Keyring (unter Debian oder Ubuntu: &lt;tt&gt;sudo apt install gnome-keyring&lt;/tt&gt;) oder KWallet, sorgen Sie dafür, dass er bei der Anmeldung am Desktop entsperrt wird, und starten Sie BlogDesk dann neu</translation>
    </message>
    <message>
        <source>unlock your system&apos;s keychain or credential store, then start BlogDesk again</source>
        <translation>Entsperren Sie den Schlüsselbund oder Anmeldedatenspeicher Ihres Systems und starten Sie BlogDesk dann neu</translation>
    </message>
    <message>
        <source>&lt;p&gt;BlogDesk keeps your blog&apos;s password (or token) in the system keyring and never writes it to a plain file. {state}.&lt;/p&gt;&lt;p&gt;You can:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Set up a keyring&lt;/b&gt;: {how}. Add your blog afterwards (Blog → Blogs…).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Keep the password for this session only&lt;/b&gt;: add your blog now; BlogDesk forgets the password when it quits and asks for it again next time.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;BlogDesk bewahrt das Passwort (oder Token) Ihres Blogs im Schlüsselbund des Systems auf und schreibt es nie in eine einfache Datei. {state}.&lt;/p&gt;&lt;p&gt;Sie können:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Einen Schlüsselbund einrichten&lt;/b&gt;: {how}. Fügen Sie Ihr Blog danach hinzu (Blog → Blogs…).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Das Passwort nur für diese Sitzung behalten&lt;/b&gt;: Fügen Sie Ihr Blog jetzt hinzu; BlogDesk vergisst das Passwort beim Beenden und fragt beim nächsten Mal erneut danach.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>1 word</source>
        <translation>1 Wort</translation>
    </message>
    <message>
        <source>{count} words</source>
        <translation>{count} Wörter</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Where to keep your posts</source>
        <translation>Wo Ihre Beiträge liegen sollen</translation>
    </message>
    <message>
        <source>BlogDesk keeps each post as a Markdown file in one folder, your library.</source>
        <translation>BlogDesk speichert jeden Beitrag als Markdown-Datei in einem Ordner, Ihrer Bibliothek.</translation>
    </message>
    <message>
        <source>Use This &amp;Folder</source>
        <translation>Diesen &amp;Ordner verwenden</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>An existing folder of Markdown, a Jekyll site or a Hugo site is used as it is. Skip keeps the suggested folder.</source>
        <translation>Ein vorhandener Markdown-Ordner, eine Jekyll- oder eine Hugo-Website wird so verwendet, wie er ist. „Überspringen“ behält den vorgeschlagenen Ordner.</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Ordner der Bibliothek</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
    <message>
        <source>Search posts</source>
        <translation>Beiträge durchsuchen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <source>Could not list posts: {reason}</source>
        <translation>Die Beiträge konnten nicht aufgelistet werden: {reason}</translation>
    </message>
    <message>
        <source>No posts match “{words}”.&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;Clear filter&lt;/a&gt; (Esc)</source>
        <translation>Keine Beiträge passen zu „{words}“.&lt;br&gt;&lt;a href=&apos;clear&apos;&gt;Filter löschen&lt;/a&gt; (Esc)</translation>
    </message>
</context>
<context>
    <name>LibraryWatcher</name>
    <message>
        <source>Could not look for outside changes: {reason}</source>
        <translation>Änderungen von außen konnten nicht gesucht werden: {reason}</translation>
    </message>
</context>
<context>
    <name>LivePreferences</name>
    <message>
        <source>Settings reset</source>
        <translation>Einstellungen zurückgesetzt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Starting the preview…</source>
        <translation>Die Vorschau wird gestartet…</translation>
    </message>
    <message>
        <source>Spell-check languages</source>
        <translation>Sprachen der Rechtschreibprüfung</translation>
    </message>
    <message>
        <source>Open a post before adding images to it.</source>
        <translation>Öffnen Sie einen Beitrag, bevor Sie ihm Bilder hinzufügen.</translation>
    </message>
    <message>
        <source>1 word</source>
        <translation>1 Wort</translation>
    </message>
    <message>
        <source>{count} words</source>
        <translation>{count} Wörter</translation>
    </message>
    <message>
        <source>{minutes} min read</source>
        <translation>{minutes} Min. Lesezeit</translation>
    </message>
    <message>
        <source>The post</source>
        <translation>Der Beitrag</translation>
    </message>
    <message>
        <source>No post open</source>
        <translation>Kein Beitrag geöffnet</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>{reason}

Quit anyway? Your text stays in the recovery journal and comes back the next time BlogDesk starts.</source>
        <translation>{reason}

Trotzdem beenden? Ihr Text bleibt im Wiederherstellungsjournal und kommt beim nächsten Start von BlogDesk zurück.</translation>
    </message>
    <message>
        <source>The post could not be saved.</source>
        <translation>Der Beitrag konnte nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>MarkdownEditor</name>
    <message>
        <source>&amp;Bold</source>
        <translation>&amp;Fett</translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation>&amp;Kursiv</translation>
    </message>
    <message>
        <source>&amp;Link…</source>
        <translation>&amp;Link…</translation>
    </message>
    <message>
        <source>I&amp;mage…</source>
        <translation>B&amp;ild…</translation>
    </message>
    <message>
        <source>Heading &amp;1</source>
        <translation>Überschrift &amp;1</translation>
    </message>
    <message>
        <source>Heading &amp;2</source>
        <translation>Überschrift &amp;2</translation>
    </message>
    <message>
        <source>Heading &amp;3</source>
        <translation>Überschrift &amp;3</translation>
    </message>
    <message>
        <source>Heading &amp;4</source>
        <translation>Überschrift &amp;4</translation>
    </message>
    <message>
        <source>Heading &amp;5</source>
        <translation>Überschrift &amp;5</translation>
    </message>
    <message>
        <source>Heading &amp;6</source>
        <translation>Überschrift &amp;6</translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation>&amp;Zitat</translation>
    </message>
    <message>
        <source>B&amp;ullet list</source>
        <translation>&amp;Aufzählung</translation>
    </message>
    <message>
        <source>&amp;Numbered list</source>
        <translation>&amp;Nummerierte Liste</translation>
    </message>
    <message>
        <source>Inline &amp;code</source>
        <translation>Inline-&amp;Code</translation>
    </message>
    <message>
        <source>Code bloc&amp;k</source>
        <translation>Code&amp;block</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation>Erset&amp;zen…</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>Weitersu&amp;chen</translation>
    </message>
    <message>
        <source>Find &amp;previous</source>
        <translation>Rückwärts s&amp;uchen</translation>
    </message>
    <message>
        <source>Paste as plain &amp;text</source>
        <translation>Als reinen &amp;Text einfügen</translation>
    </message>
    <message>
        <source>bold text</source>
        <translation>fetter Text</translation>
    </message>
    <message>
        <source>italic text</source>
        <translation>kursiver Text</translation>
    </message>
    <message>
        <source>alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>Bild einfügen</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Bilder ({patterns})</translation>
    </message>
    <message>
        <source>link text</source>
        <translation>Linktext</translation>
    </message>
    <message>
        <source>Could not copy the image into {folder}: {reason}</source>
        <translation>Das Bild konnte nicht nach {folder} kopiert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Library</source>
        <translation>B&amp;ibliothek</translation>
    </message>
    <message>
        <source>&amp;Outline</source>
        <translation>&amp;Gliederung</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>&amp;Eigenschaften</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Close Post</source>
        <translation>Beitrag s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>&amp;WordPress Export (WXR)…</source>
        <translation>&amp;WordPress-Export (WXR)…</translation>
    </message>
    <message>
        <source>&amp;Jekyll or Hugo Folder…</source>
        <translation>&amp;Jekyll- oder Hugo-Ordner…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Save the open post as a web page, a PDF or a Word document</source>
        <translation>Den geöffneten Beitrag als Webseite, PDF oder Word-Dokument speichern</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Alles &amp;markieren</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>Einstellu&amp;ngen…</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Focus Mode</source>
        <translation>&amp;Fokusmodus</translation>
    </message>
    <message>
        <source>F&amp;ull Screen</source>
        <translation>Vollbil&amp;d</translation>
    </message>
    <message>
        <source>Preview &amp;Style</source>
        <translation>Vorschaus&amp;til</translation>
    </message>
    <message>
        <source>Leave Focus Mode</source>
        <translation>Fokusmodus verlassen</translation>
    </message>
    <message>
        <source>&amp;Look for Changes on Disk</source>
        <translation>Auf Änderungen auf dem Datenträger &amp;prüfen</translation>
    </message>
    <message>
        <source>Allow &amp;Remote Content in Preview</source>
        <translation>&amp;Externe Inhalte in der Vorschau erlauben</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About BlogDesk</source>
        <translation>&amp;Über BlogDesk</translation>
    </message>
    <message>
        <source>Open Post</source>
        <translation>Beitrag öffnen</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown);;All files (*)</source>
        <translation>Markdown (*.md *.markdown);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About BlogDesk</source>
        <translation>Über BlogDesk</translation>
    </message>
    <message>
        <source>Write, preview and publish blog posts.</source>
        <translation>Blogbeiträge schreiben, in der Vorschau ansehen und veröffentlichen.</translation>
    </message>
    <message>
        <source>Library: {folder}</source>
        <translation>Bibliothek: {folder}</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <source>“{text}” is not a date: write it as 2026-11-28 or 2026-11-28 09:30</source>
        <translation>„{text}“ ist kein Datum: Schreiben Sie es als 2026-11-28 oder 2026-11-28 09:30</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>JJJJ-MM-TT HH:MM</translation>
    </message>
    <message>
        <source>comma, separated</source>
        <translation>durch Komma getrennt</translation>
    </message>
    <message>
        <source>from the title</source>
        <translation>aus dem Titel</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>Datu&amp;m</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>&amp;Schlagwörter</translation>
    </message>
    <message>
        <source>&amp;Categories</source>
        <translation>&amp;Kategorien</translation>
    </message>
    <message>
        <source>Sl&amp;ug</source>
        <translation>Titel&amp;form</translation>
    </message>
    <message>
        <source>Featured &amp;image</source>
        <translation>Beit&amp;ragsbild</translation>
    </message>
    <message>
        <source>E&amp;xcerpt</source>
        <translation>Aus&amp;zug</translation>
    </message>
    <message>
        <source>Featured image</source>
        <translation>Beitragsbild</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.svg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.gif *.webp *.svg)</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>{marks} {heading} (line {line})</source>
        <translation>{marks} {heading} (Zeile {line})</translation>
    </message>
</context>
<context>
    <name>PdfPrinter</name>
    <message>
        <source>A PDF is being made already; wait for it to finish.</source>
        <translation>Es wird bereits ein PDF erstellt; warten Sie, bis es fertig ist.</translation>
    </message>
    <message>
        <source>The PDF was not made within {seconds} s.</source>
        <translation>Das PDF wurde nicht innerhalb von {seconds} s erstellt.</translation>
    </message>
    <message>
        <source>The PDF could not be written to {path}.</source>
        <translation>Das PDF konnte nicht nach {path} geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>PostActions</name>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>&amp;New Post</source>
        <translation>&amp;Neuer Beitrag</translation>
    </message>
    <message>
        <source>D&amp;uplicate Post</source>
        <translation>Beitrag &amp;duplizieren</translation>
    </message>
    <message>
        <source>&amp;Rename File…</source>
        <translation>Datei &amp;umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Delete Post</source>
        <translation>Beitrag &amp;löschen</translation>
    </message>
    <message>
        <source>Undo Delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
    <message>
        <source>Show in &amp;File Manager</source>
        <translation>Im Datei&amp;manager zeigen</translation>
    </message>
    <message>
        <source>Could not create a post: {reason}</source>
        <translation>Der Beitrag konnte nicht angelegt werden: {reason}</translation>
    </message>
    <message>
        <source>Could not duplicate the post: {reason}</source>
        <translation>Der Beitrag konnte nicht dupliziert werden: {reason}</translation>
    </message>
    <message>
        <source>Rename File</source>
        <translation>Datei umbenennen</translation>
    </message>
    <message>
        <source>New file name:</source>
        <translation>Neuer Dateiname:</translation>
    </message>
    <message>
        <source>Could not rename the file: {reason}</source>
        <translation>Die Datei konnte nicht umbenannt werden: {reason}</translation>
    </message>
    <message>
        <source>Could not delete the post: {reason}</source>
        <translation>Der Beitrag konnte nicht gelöscht werden: {reason}</translation>
    </message>
    <message>
        <source>Deleted “{title}”.</source>
        <translation>„{title}“ gelöscht.</translation>
    </message>
    <message>
        <source>Deleted “{title}” (Undo Delete brings it back)</source>
        <translation>„{title}“ gelöscht („Löschen rückgängig machen“ holt ihn zurück)</translation>
    </message>
    <message>
        <source>Could not restore the post: {reason}</source>
        <translation>Der Beitrag konnte nicht wiederhergestellt werden: {reason}</translation>
    </message>
    <message>
        <source>Restored “{title}”</source>
        <translation>„{title}“ wiederhergestellt</translation>
    </message>
</context>
<context>
    <name>PostsPage</name>
    <message>
        <source>Bring your posts in</source>
        <translation>Ihre Beiträge übernehmen</translation>
    </message>
    <message>
        <source>Everything here is optional; Skip moves on.</source>
        <translation>Alles hier ist freiwillig; „Überspringen“ geht weiter.</translation>
    </message>
    <message>
        <source>Import a &amp;WordPress Export…</source>
        <translation>WordPress-E&amp;xport importieren…</translation>
    </message>
    <message>
        <source>Copy Posts from a &amp;Jekyll or Hugo Site…</source>
        <translation>Beiträge aus einer &amp;Jekyll- oder Hugo-Website kopieren…</translation>
    </message>
    <message>
        <source>From WordPress: export your site (Tools → Export) and import it.</source>
        <translation>Aus WordPress: Exportieren Sie Ihre Website (Werkzeuge → Daten exportieren) und importieren Sie sie.</translation>
    </message>
    <message>
        <source>From another folder: copy its posts into the library.</source>
        <translation>Aus einem anderen Ordner: Kopieren Sie seine Beiträge in die Bibliothek.</translation>
    </message>
    <message>
        <source>From your blog itself: add it on the next pages, then choose Fetch Posts there.</source>
        <translation>Aus Ihrem Blog selbst: Fügen Sie es auf den nächsten Seiten hinzu und wählen Sie dort „Beiträge vom Blog laden“.</translation>
    </message>
    <message>
        <source>Your library holds {count} post already: they stay as they are.</source>
        <translation>Ihre Bibliothek enthält bereits {count} Beitrag: Er bleibt, wie er ist.</translation>
    </message>
    <message>
        <source>Your library holds {count} posts already: they stay as they are.</source>
        <translation>Ihre Bibliothek enthält bereits {count} Beiträge: Sie bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>Imported {count} post so far.</source>
        <translation>Bisher {count} Beitrag importiert.</translation>
    </message>
    <message>
        <source>Imported {count} posts so far.</source>
        <translation>Bisher {count} Beiträge importiert.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>The first blog in the list</source>
        <translation>Das erste Blog der Liste</translation>
    </message>
    <message>
        <source>{title}:</source>
        <translation>{title}:</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Kept with this library ({name}).</source>
        <translation>Wird mit dieser Bibliothek gespeichert ({name}).</translation>
    </message>
    <message>
        <source>Loading the blogs…</source>
        <translation>Die Blogs werden geladen…</translation>
    </message>
    <message>
        <source>A blog no longer in the list</source>
        <translation>Ein Blog, das nicht mehr in der Liste ist</translation>
    </message>
    <message>
        <source>No blogs yet (add one with Blog → Blogs…)</source>
        <translation>Noch keine Blogs (fügen Sie eines mit Blog → Blogs… hinzu)</translation>
    </message>
    <message>
        <source>The blog list could not be read: {error}</source>
        <translation>Die Liste der Blogs konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>BlogDesk opens {chosen} the next time it starts. This window keeps showing {shown}.</source>
        <translation>BlogDesk öffnet beim nächsten Start {chosen}. Dieses Fenster zeigt weiter {shown}.</translation>
    </message>
    <message>
        <source>This window shows {shown}.</source>
        <translation>Dieses Fenster zeigt {shown}.</translation>
    </message>
    <message>
        <source>System fixed-width font</source>
        <translation>Festbreitenschrift des Systems</translation>
    </message>
    <message>
        <source>{system_font}: {family}</source>
        <translation>{system_font}: {family}</translation>
    </message>
    <message>
        <source>The default library</source>
        <translation>Die Standardbibliothek</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Editor font</source>
        <translation>Schrift des Editors</translation>
    </message>
    <message>
        <source>Editor font size</source>
        <translation>Schriftgröße des Editors</translation>
    </message>
    <message>
        <source>Text column width (characters)</source>
        <translation>Breite der Textspalte (Zeichen)</translation>
    </message>
    <message>
        <source>Width of the text column in focus mode (characters)</source>
        <translation>Breite der Textspalte im Fokusmodus (Zeichen)</translation>
    </message>
    <message>
        <source>Preview text size</source>
        <translation>Textgröße der Vorschau</translation>
    </message>
    <message>
        <source>Typographic quotes and dashes</source>
        <translation>Typografische Anführungszeichen und Gedankenstriche</translation>
    </message>
    <message>
        <source>Save automatically this long after the last keystroke (milliseconds)</source>
        <translation>Automatisch so lange nach dem letzten Tastendruck speichern (Millisekunden)</translation>
    </message>
    <message>
        <source>Write unsaved text to the crash-recovery journal after (milliseconds)</source>
        <translation>Ungespeicherten Text ins Wiederherstellungsjournal schreiben nach (Millisekunden)</translation>
    </message>
    <message>
        <source>Spell-check language, or several (e.g. &quot;en_US, de_DE&quot;; empty: the system&apos;s)</source>
        <translation>Sprache der Rechtschreibprüfung, oder mehrere (z. B. „en_US, de_DE“; leer: die des Systems)</translation>
    </message>
    <message>
        <source>Typewriter scrolling (keep the line being written in the middle)</source>
        <translation>Schreibmaschinen-Bildlauf (die Schreibzeile bleibt in der Mitte)</translation>
    </message>
    <message>
        <source>Dim all but the current paragraph in focus mode</source>
        <translation>Im Fokusmodus alle Absätze außer dem aktuellen abdunkeln</translation>
    </message>
    <message>
        <source>Reopen the last post at start-up</source>
        <translation>Beim Start den letzten Beitrag wieder öffnen</translation>
    </message>
    <message>
        <source>Library folder (empty: the default one)</source>
        <translation>Ordner der Bibliothek (leer: der Standardordner)</translation>
    </message>
    <message>
        <source>Look for changes made outside BlogDesk at least every (seconds)</source>
        <translation>Mindestens so oft nach Änderungen außerhalb von BlogDesk suchen (Sekunden)</translation>
    </message>
    <message>
        <source>Default blog (empty: the first one)</source>
        <translation>Standardblog (leer: das erste)</translation>
    </message>
    <message>
        <source>Load remote images and other remote content in the preview</source>
        <translation>Externe Bilder und andere externe Inhalte in der Vorschau laden</translation>
    </message>
    <message>
        <source>Status of new posts</source>
        <translation>Status neuer Beiträge</translation>
    </message>
    <message>
        <source>Keep the library&apos;s history in git (a version per save)</source>
        <translation>Verlauf der Bibliothek in Git führen (eine Version pro Speichern)</translation>
    </message>
    <message>
        <source>Sync the library through this git remote (path or URL)</source>
        <translation>Bibliothek über dieses Git-Remote abgleichen (Pfad oder URL)</translation>
    </message>
    <message>
        <source>Sync with the git remote after each save</source>
        <translation>Nach jedem Speichern mit dem Git-Remote abgleichen</translation>
    </message>
    <message>
        <source>Wider panes keep the text in a centred column of about this many characters.</source>
        <translation>In breiteren Bereichen bleibt der Text in einer zentrierten Spalte von etwa so vielen Zeichen.</translation>
    </message>
    <message>
        <source>In the preview and in what is published: both render with the same options.</source>
        <translation>In der Vorschau und im Veröffentlichten: Beide werden mit denselben Optionen dargestellt.</translation>
    </message>
    <message>
        <source>Used for posts whose front matter (lang:) and blog name no language. A post in several languages may list them, separated by commas.</source>
        <translation>Gilt für Beiträge, deren Front Matter (lang:) und Blog keine Sprache nennen. Ein Beitrag in mehreren Sprachen kann sie durch Kommas getrennt aufführen.</translation>
    </message>
    <message>
        <source>Also under View → Dim Other Paragraphs in Focus Mode.</source>
        <translation>Auch unter Ansicht → Andere Absätze im Fokusmodus abdunkeln.</translation>
    </message>
    <message>
        <source>Opened when BlogDesk starts without --library or BLOGDESK_LIBRARY.</source>
        <translation>Wird geöffnet, wenn BlogDesk ohne --library oder BLOGDESK_LIBRARY startet.</translation>
    </message>
    <message>
        <source>Where Publish sends a post that has not been on a blog yet (an account id).</source>
        <translation>Wohin „Veröffentlichen“ einen Beitrag sendet, der noch in keinem Blog war (eine Konto-ID).</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>Systemgröße</translation>
    </message>
    <message>
        <source>Whole pane</source>
        <translation>Ganzer Bereich</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Zur Prüfung</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
</context>
<context>
    <name>PreviewStyle</name>
    <message>
        <source>&amp;Plain</source>
        <translation>&amp;Schlicht</translation>
    </message>
    <message>
        <source>&amp;Blog Theme</source>
        <translation>&amp;Blog-Design</translation>
    </message>
    <message>
        <source>Theme of &amp;Blog</source>
        <translation>Design von B&amp;log</translation>
    </message>
    <message>
        <source>&amp;Refresh Blog Theme</source>
        <translation>Blog-Design a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Use a Post &amp;Address…</source>
        <translation>Beitragsadresse &amp;angeben…</translation>
    </message>
    <message>
        <source>No blogs yet (Blog → Blogs…)</source>
        <translation>Noch keine Blogs (Blog → Blogs…)</translation>
    </message>
    <message>
        <source>Add a blog first (Blog → Blogs…) to preview in its theme.</source>
        <translation>Fügen Sie zuerst ein Blog hinzu (Blog → Blogs…), um die Vorschau in seinem Design zu sehen.</translation>
    </message>
    <message>
        <source>Blog theme</source>
        <translation>Blog-Design</translation>
    </message>
    <message>
        <source>Address of one post&apos;s page on the blog:</source>
        <translation>Adresse der Seite eines Beitrags im Blog:</translation>
    </message>
    <message>
        <source>Refreshing the theme of {blog} (a week old)…</source>
        <translation>Das Design von {blog} wird aktualisiert (eine Woche alt)…</translation>
    </message>
    <message>
        <source>Capturing the theme of {blog}…</source>
        <translation>Das Design von {blog} wird übernommen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Theme capture cancelled.</source>
        <translation>Übernahme des Designs abgebrochen.</translation>
    </message>
    <message>
        <source>Captured the theme of {blog}.</source>
        <translation>Das Design von {blog} wurde übernommen.</translation>
    </message>
    <message>
        <source>Captured the theme of {blog} (1 file could not be read).</source>
        <translation>Das Design von {blog} wurde übernommen (1 Datei konnte nicht gelesen werden).</translation>
    </message>
    <message>
        <source>Captured the theme of {blog} ({count} files could not be read).</source>
        <translation>Das Design von {blog} wurde übernommen ({count} Dateien konnten nicht gelesen werden).</translation>
    </message>
    <message>
        <source>Could not capture the theme of {blog}: {reason} The last captured theme stays.</source>
        <translation>Das Design von {blog} konnte nicht übernommen werden: {reason} Das zuletzt übernommene Design bleibt.</translation>
    </message>
    <message>
        <source>Could not capture the theme of {blog}: {reason}</source>
        <translation>Das Design von {blog} konnte nicht übernommen werden: {reason}</translation>
    </message>
</context>
<context>
    <name>PublishChecks</name>
    <message>
        <source>nothing was sent</source>
        <translation>nichts wurde gesendet</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>noch nicht gesendet</translation>
    </message>
    <message>
        <source>Before publishing: {count} to look at; {blocked}.</source>
        <translation>Vor dem Veröffentlichen: {count} zum Ansehen; {blocked}.</translation>
    </message>
    <message>
        <source>Checking the post before publishing…</source>
        <translation>Der Beitrag wird vor dem Veröffentlichen geprüft…</translation>
    </message>
</context>
<context>
    <name>PublishController</name>
    <message>
        <source>Cancelling… (the step in progress finishes first)</source>
        <translation>Wird abgebrochen… (der laufende Schritt wird noch beendet)</translation>
    </message>
    <message>
        <source>Publishing “{title}”…</source>
        <translation>„{title}“ wird veröffentlicht…</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Wird veröffentlicht…</translation>
    </message>
    <message>
        <source>Turning the post back into a draft on the blog…</source>
        <translation>Der Beitrag wird im Blog wieder zum Entwurf…</translation>
    </message>
    <message>
        <source>Fetching posts from the blog…</source>
        <translation>Beiträge werden vom Blog geladen…</translation>
    </message>
    <message>
        <source>Resolving the conflict…</source>
        <translation>Der Konflikt wird gelöst…</translation>
    </message>
    <message>
        <source>Sending what waits in the outbox…</source>
        <translation>Was im Postausgang wartet, wird gesendet…</translation>
    </message>
    <message>
        <source>BlogDesk is still busy with the blog; try again in a moment.</source>
        <translation>BlogDesk ist noch mit dem Blog beschäftigt; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Something went wrong talking to the blog ({kind}: {error}). Nothing was lost; please try again.</source>
        <translation>Bei der Verbindung mit dem Blog ist etwas schiefgegangen ({kind}: {error}). Nichts ging verloren; bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Not sent from the outbox: {failure}</source>
        <translation>Nicht aus dem Postausgang gesendet: {failure}</translation>
    </message>
    <message>
        <source>Sent {count} post from the outbox</source>
        <translation>{count} Beitrag aus dem Postausgang gesendet</translation>
    </message>
    <message>
        <source>Sent {count} posts from the outbox</source>
        <translation>{count} Beiträge aus dem Postausgang gesendet</translation>
    </message>
    <message>
        <source>; {count} still waiting</source>
        <translation>; {count} warten noch</translation>
    </message>
</context>
<context>
    <name>PublishFeedback</name>
    <message>
        <source>Took the blog&apos;s version of the post.</source>
        <translation>Die Fassung des Beitrags aus dem Blog wurde übernommen.</translation>
    </message>
    <message>
        <source> — the blog&apos;s version is kept as {path}</source>
        <translation> – die Fassung aus dem Blog ist gespeichert als {path}</translation>
    </message>
    <message>
        <source> ({count} posts sent from the outbox)</source>
        <translation> ({count} Beiträge aus dem Postausgang gesendet)</translation>
    </message>
    <message>
        <source> (sent from the outbox)</source>
        <translation> (aus dem Postausgang gesendet)</translation>
    </message>
    <message>
        <source>Fetched from the blog: {created} new, {updated} updated, {unchanged} unchanged.</source>
        <translation>Vom Blog geladen: {created} neu, {updated} aktualisiert, {unchanged} unverändert.</translation>
    </message>
    <message>
        <source> {count} skipped (changed here and on the blog).</source>
        <translation> {count} übersprungen (hier und im Blog geändert).</translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planen</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>Zur Prüfung</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
    <message>
        <source>Manage…</source>
        <translation>Verwalten…</translation>
    </message>
    <message>
        <source>Set the date</source>
        <translation>Datum festlegen</translation>
    </message>
    <message>
        <source>tag, another tag</source>
        <translation>Schlagwort, noch ein Schlagwort</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>Blog:</source>
        <translation>Blog:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Schlagwörter:</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>Kategorien:</translation>
    </message>
    <message>
        <source>Add a blog first (Manage…).</source>
        <translation>Fügen Sie zuerst ein Blog hinzu (Verwalten…).</translation>
    </message>
    <message>
        <source>Choose a date to schedule the post.</source>
        <translation>Wählen Sie ein Datum, um den Beitrag zu planen.</translation>
    </message>
    <message>
        <source>No date: the blog uses the moment it publishes.</source>
        <translation>Kein Datum: Das Blog nimmt den Zeitpunkt der Veröffentlichung.</translation>
    </message>
    <message>
        <source>Blog: {blog}
You: {you}
UTC: {utc}</source>
        <translation>Blog: {blog}
Sie: {you}
UTC: {utc}</translation>
    </message>
    <message>
        <source>To schedule the post, set its date.</source>
        <translation>Um den Beitrag zu planen, legen Sie sein Datum fest.</translation>
    </message>
</context>
<context>
    <name>PublishStatus</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Saved as a draft on the blog</source>
        <translation>Als Entwurf im Blog gespeichert</translation>
    </message>
    <message>
        <source>Submitted for review</source>
        <translation>Zur Prüfung eingereicht</translation>
    </message>
    <message>
        <source>Published privately</source>
        <translation>Privat veröffentlicht</translation>
    </message>
    <message>
        <source>Queued in the outbox, will be sent when the blog answers.</source>
        <translation>In den Postausgang gelegt; wird gesendet, sobald das Blog antwortet.</translation>
    </message>
    <message>
        <source>Sent ({status})</source>
        <translation>Gesendet ({status})</translation>
    </message>
    <message>
        <source>{verb} for {when}</source>
        <translation>{verb} für {when}</translation>
    </message>
    <message>
        <source> ({n} image uploaded)</source>
        <translation> ({n} Bild hochgeladen)</translation>
    </message>
    <message>
        <source> ({n} images uploaded)</source>
        <translation> ({n} Bilder hochgeladen)</translation>
    </message>
</context>
<context>
    <name>Publishing</name>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>Publish &amp;Options…</source>
        <translation>Veröffentlichungs&amp;optionen…</translation>
    </message>
    <message>
        <source>&amp;Update on the Blog</source>
        <translation>Im Blog &amp;aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Unpublish (Back to Draft)</source>
        <translation>Veröffentlichung &amp;zurückziehen (wieder Entwurf)</translation>
    </message>
    <message>
        <source>&amp;Fetch Posts from the Blog…</source>
        <translation>Beiträge vom Blog &amp;holen…</translation>
    </message>
    <message>
        <source>&amp;Send Pending</source>
        <translation>Wartende &amp;senden</translation>
    </message>
    <message>
        <source>&amp;Cancel Sending</source>
        <translation>Senden a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Blogs…</source>
        <translation>B&amp;logs…</translation>
    </message>
    <message>
        <source>Publish the open post ({shortcut})</source>
        <translation>Den geöffneten Beitrag veröffentlichen ({shortcut})</translation>
    </message>
    <message>
        <source>&amp;Blog</source>
        <translation>B&amp;log</translation>
    </message>
    <message>
        <source>Open a post of the library to publish it (a file from elsewhere must be imported first).</source>
        <translation>Öffnen Sie einen Beitrag der Bibliothek, um ihn zu veröffentlichen (eine Datei von anderswo muss zuerst importiert werden).</translation>
    </message>
    <message>
        <source>The post could not be saved, so it was not published. Save it first (see the status bar).</source>
        <translation>Der Beitrag konnte nicht gespeichert werden und wurde deshalb nicht veröffentlicht. Speichern Sie ihn zuerst (siehe Statusleiste).</translation>
    </message>
    <message>
        <source>Add a blog first: Blog ▸ Blogs….</source>
        <translation>Fügen Sie zuerst ein Blog hinzu: Blog ▸ Blogs….</translation>
    </message>
    <message>
        <source>This post is not on a blog yet.</source>
        <translation>Dieser Beitrag ist noch in keinem Blog.</translation>
    </message>
    <message>
        <source>Fetch Posts</source>
        <translation>Beiträge holen</translation>
    </message>
    <message>
        <source>Fetch the posts of:</source>
        <translation>Die Beiträge holen von:</translation>
    </message>
    <message>
        <source>Changed on the blog: choose which version to keep.</source>
        <translation>Im Blog geändert: Wählen Sie, welche Fassung bleiben soll.</translation>
    </message>
    <message>
        <source>Nothing was sent: the blog keeps its version. Publish again to choose.</source>
        <translation>Nichts wurde gesendet: Das Blog behält seine Fassung. Veröffentlichen Sie erneut, um zu wählen.</translation>
    </message>
</context>
<context>
    <name>RecoveredDialog</name>
    <message>
        <source>today at {time}</source>
        <translation>heute um {time}</translation>
    </message>
    <message>
        <source>yesterday at {time}</source>
        <translation>gestern um {time}</translation>
    </message>
    <message>
        <source>on {date} at {time}</source>
        <translation>am {date} um {time}</translation>
    </message>
    <message>
        <source>{name} (saved file)</source>
        <translation>{name} (gespeicherte Datei)</translation>
    </message>
    <message>
        <source>{name} (recovered)</source>
        <translation>{name} (wiederhergestellt)</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>Die beiden Versionen sind gleich.</translation>
    </message>
    <message>
        <source>Unsaved text recovered</source>
        <translation>Ungespeicherter Text wiederhergestellt</translation>
    </message>
    <message>
        <source>last saved {when}</source>
        <translation>zuletzt {when} gespeichert</translation>
    </message>
    <message>
        <source>not found on disk</source>
        <translation>auf dem Datenträger nicht gefunden</translation>
    </message>
    <message>
        <source>&lt;p&gt;BlogDesk did not close properly last time. The text of &lt;b&gt;“{title}”&lt;/b&gt; ({file}) that was not saved yet has been put back into the editor: it was written {when}.&lt;/p&gt;&lt;p&gt;The post&apos;s file was {saved}. Keep the recovered text, or go back to the saved file? While the post stays open, Undo brings back the other one.&lt;/p&gt;</source>
        <translation>&lt;p&gt;BlogDesk wurde beim letzten Mal nicht ordnungsgemäß beendet. Der noch nicht gespeicherte Text von &lt;b&gt;„{title}“&lt;/b&gt; ({file}) wurde wieder in den Editor geholt: Er wurde {when} geschrieben.&lt;/p&gt;&lt;p&gt;Die Datei des Beitrags wurde {saved}. Den wiederhergestellten Text behalten oder zur gespeicherten Datei zurückkehren? Solange der Beitrag geöffnet bleibt, holt Rückgängig die andere Fassung zurück.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Keep Recovered</source>
        <translation>Wiederhergestellten &amp;behalten</translation>
    </message>
    <message>
        <source>&amp;Use Saved File</source>
        <translation>Gespeicherte &amp;Datei verwenden</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Vergleichen…</translation>
    </message>
    <message>
        <source>Replace the text in the editor with the saved file&apos;s</source>
        <translation>Den Text im Editor durch den der gespeicherten Datei ersetzen</translation>
    </message>
</context>
<context>
    <name>SaveAlert</name>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>{name} could not be saved ({reason}). Your text is kept in the recovery journal; BlogDesk keeps trying.</source>
        <translation>{name} konnte nicht gespeichert werden ({reason}). Ihr Text bleibt im Wiederherstellungsjournal; BlogDesk versucht es weiter.</translation>
    </message>
</context>
<context>
    <name>SpellCheck</name>
    <message>
        <source>No spelling dictionary for {languages}: {hint}. Checking in {used}.</source>
        <translation>Kein Wörterbuch für {languages}: {hint}. Geprüft wird auf {used}.</translation>
    </message>
    <message>
        <source>Could not save “{word}” in the word list: {reason}</source>
        <translation>„{word}“ konnte nicht in der Wortliste gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Looking for suggestions…</source>
        <translation>Vorschläge werden gesucht…</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>Keine Vorschläge</translation>
    </message>
    <message>
        <source>Add “{word}” to Dictionary</source>
        <translation>„{word}“ zum Wörterbuch hinzufügen</translation>
    </message>
    <message>
        <source>Ignore “{word}” in This Post</source>
        <translation>„{word}“ in diesem Beitrag ignorieren</translation>
    </message>
</context>
<context>
    <name>StatusBadgeDelegate</name>
    <message>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>published</source>
        <translation>veröffentlicht</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privat</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>local only</source>
        <translation>nur lokal</translation>
    </message>
    <message>
        <source>draft on server</source>
        <translation>Entwurf auf dem Server</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>published</source>
        <translation>veröffentlicht</translation>
    </message>
    <message>
        <source>private on server</source>
        <translation>privat auf dem Server</translation>
    </message>
    <message>
        <source>awaiting review</source>
        <translation>wartet auf Prüfung</translation>
    </message>
    <message>
        <source>in the blog&apos;s trash</source>
        <translation>im Papierkorb des Blogs</translation>
    </message>
    <message>
        <source>changed since publish</source>
        <translation>seit dem Veröffentlichen geändert</translation>
    </message>
    <message>
        <source>pending in outbox</source>
        <translation>im Postausgang</translation>
    </message>
    <message>
        <source>outbox: needs you</source>
        <translation>Postausgang: braucht Sie</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>draft on the blog, up to date</source>
        <translation>Entwurf im Blog, aktuell</translation>
    </message>
    <message>
        <source>draft on the blog, pending</source>
        <translation>Entwurf im Blog, ausstehend</translation>
    </message>
    <message>
        <source>The post was changed on the blog and here: publish it to choose which version to keep.</source>
        <translation>Der Beitrag wurde im Blog und hier geändert: Veröffentlichen Sie ihn, um zu wählen, welche Version bleibt.</translation>
    </message>
    <message>
        <source>The draft on the blog is updated when the blog answers.</source>
        <translation>Der Entwurf im Blog wird aktualisiert, sobald das Blog antwortet.</translation>
    </message>
    <message>
        <source>Waiting to be sent ({action}) when the blog answers (last try: {error}).</source>
        <translation>Wartet auf das Senden ({action}), sobald das Blog antwortet (letzter Versuch: {error}).</translation>
    </message>
    <message>
        <source>Waiting to be sent ({action}) when the blog answers.</source>
        <translation>Wartet auf das Senden ({action}), sobald das Blog antwortet.</translation>
    </message>
    <message>
        <source>Not on any blog yet.</source>
        <translation>Noch in keinem Blog.</translation>
    </message>
    <message>
        <source>Saved here; the draft on the blog follows after the next save burst.</source>
        <translation>Hier gespeichert; der Entwurf im Blog folgt nach der nächsten Speicherrunde.</translation>
    </message>
    <message>
        <source>Edited here since it was last sent to the blog.</source>
        <translation>Hier bearbeitet, seit er zuletzt an das Blog gesendet wurde.</translation>
    </message>
    <message>
        <source>Last sent {when}</source>
        <translation>Zuletzt gesendet: {when}</translation>
    </message>
</context>
<context>
    <name>SyncConflictDialog</name>
    <message>
        <source>&amp;Overwrite the Blog&apos;s Version</source>
        <translation>Blog-Fassung ü&amp;berschreiben</translation>
    </message>
    <message>
        <source>&amp;Take the Blog&apos;s Version</source>
        <translation>Blog-Fassung &amp;übernehmen</translation>
    </message>
    <message>
        <source>&amp;Keep Both</source>
        <translation>Beide be&amp;halten</translation>
    </message>
    <message>
        <source>Send this computer&apos;s version; the blog&apos;s changes are replaced.</source>
        <translation>Die Fassung dieses Computers senden; die Änderungen im Blog werden ersetzt.</translation>
    </message>
    <message>
        <source>Replace the post here with the blog&apos;s version (your text here is replaced).</source>
        <translation>Den Beitrag hier durch die Fassung aus dem Blog ersetzen (Ihr Text hier wird ersetzt).</translation>
    </message>
    <message>
        <source>Save the blog&apos;s version as a new local post, then send this computer&apos;s version. Nothing is lost.</source>
        <translation>Die Fassung aus dem Blog als neuen lokalen Beitrag speichern, dann die Fassung dieses Computers senden. Nichts geht verloren.</translation>
    </message>
    <message>
        <source>Changed on the blog</source>
        <translation>Im Blog geändert</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <source>On the blog</source>
        <translation>Im Blog</translation>
    </message>
    <message>
        <source>The text is the same on both sides.</source>
        <translation>Der Text ist auf beiden Seiten gleich.</translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation>&amp;Später entscheiden</translation>
    </message>
    <message>
        <source>Fields that differ:</source>
        <translation>Unterschiedliche Felder:</translation>
    </message>
    <message>
        <source>Text (lines starting with - are the blog&apos;s, + are yours):</source>
        <translation>Text (Zeilen mit - stammen aus dem Blog, Zeilen mit + von Ihnen):</translation>
    </message>
</context>
<context>
    <name>WritingView</name>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Typewriter Scrolling</source>
        <translation>&amp;Schreibmaschinenmodus</translation>
    </message>
    <message>
        <source>&amp;Dim Other Paragraphs in Focus Mode</source>
        <translation>Andere Absätze im Fokusmodus &amp;abdunkeln</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>Erschei&amp;nungsbild</translation>
    </message>
</context>
</TS>
