"""A post file: front matter and body, the rules for its values, YAML/TOML edits, file names."""
