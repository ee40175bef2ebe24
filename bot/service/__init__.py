"""Running the bot as a public service (issue 27): the per-client chat limit,
retention that runs itself, backups, metrics. Plain Python; the Rasa server's
side is wired in channels/service_hooks.py. Settings: deploy/limits.yml."""
