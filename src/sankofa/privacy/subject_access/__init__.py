"""Subject access: everything Sankofa holds about one person, for the data-protection focal point
(docs/architecture.md, "Subject access")."""
