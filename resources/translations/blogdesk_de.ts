<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rege&amp;x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treat the search text as a regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell capital and small letters apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Whole words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only match whole words, not parts of longer words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the next match (Enter, F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the previous match (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace this match and find the next (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace every match (one undo step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid expression: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid replacement: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageDialog</name>
    <message>
        <source>(no preview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the image shows, for screen readers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decorative: nothing to describe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown under the image (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This caption holds HTML; it is written as it stands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t ask for dropped or pasted images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alt text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Caption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ali&amp;gnment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Original size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Original size ({0} × {1} px)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× {0} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If it only decorates the post, tick “Decorative”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkdownEditor</name>
    <message>
        <source>Insert image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpellCheck</name>
    <message>
        <source>Looking for suggestions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add “{0}” to Dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore “{0}” in This Post</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
