<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>Invalid expression: {0}</source>
        <translation>Ungültiger Ausdruck: {0}</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Invalid replacement: {0}</source>
        <translation>Ungültige Ersetzung: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s)</source>
        <translation>
            <numerusform>%n Ersetzung</numerusform>
            <numerusform>%n Ersetzungen</numerusform>
        </translation>
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
        <translation>Synchronisiere mit {address} …</translation>
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
        <source>&amp;Original size ({0} × {1} px)</source>
        <translation>&amp;Originalgröße ({0} × {1} px)</translation>
    </message>
    <message>
        <source>× {0} px</source>
        <translation>× {0} px</translation>
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
        <translation>Der WordPress-Export &lt;b&gt;{name}&lt;/b&gt; wird importiert …</translation>
    </message>
    <message>
        <source>Importing the folder &lt;b&gt;{name}&lt;/b&gt;…</source>
        <translation>Der Ordner &lt;b&gt;{name}&lt;/b&gt; wird importiert …</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
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
    <name>MainWindow</name>
    <message>
        <source>Starting the preview…</source>
        <translation>Die Vorschau wird gestartet …</translation>
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
        <source>Insert image</source>
        <translation>Bild einfügen</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>Bilder ({0})</translation>
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
        <translation>Datei ö&amp;ffnen …</translation>
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
        <translation>&amp;WordPress-Export (WXR) …</translation>
    </message>
    <message>
        <source>&amp;Jekyll or Hugo Folder…</source>
        <translation>&amp;Jekyll- oder Hugo-Ordner …</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
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
        <translation>Einstellu&amp;ngen …</translation>
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
        <translation>Datei &amp;umbenennen …</translation>
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
        <translation>Beitragsadresse &amp;angeben …</translation>
    </message>
    <message>
        <source>No blogs yet (Blog → Blogs…)</source>
        <translation>Noch keine Blogs (Blog → Blogs …)</translation>
    </message>
    <message>
        <source>Add a blog first (Blog → Blogs…) to preview in its theme.</source>
        <translation>Fügen Sie zuerst ein Blog hinzu (Blog → Blogs …), um die Vorschau in seinem Design zu sehen.</translation>
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
        <translation>Das Design von {blog} wird aktualisiert (eine Woche alt) …</translation>
    </message>
    <message>
        <source>Capturing the theme of {blog}…</source>
        <translation>Das Design von {blog} wird übernommen …</translation>
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
        <translation>&amp;Vergleichen …</translation>
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
        <translation>Vorschläge werden gesucht …</translation>
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
