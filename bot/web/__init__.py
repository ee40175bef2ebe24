"""The recruitment page's assets (template, chat widget) and the static server
that serves the built page (`static_server`)."""
