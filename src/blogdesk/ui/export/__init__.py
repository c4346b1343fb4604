"""File ▸ Export… in the window, and the PDF printer the CLI's `blogdesk export --to pdf` uses."""
