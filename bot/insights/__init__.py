"""What visitors asked and what the bot missed: the "was this helpful?" feedback
after FAQ answers, and the recruitment team's report over the tracker store.

    feedback.py      the feedback buttons, their wording and the slots that keep it
    conversations.py one conversation's events read into what the report counts
    grouping.py      unanswered questions grouped so that rephrasings sit together
    tables.py        the report's tables (counts under 5 shown as "fewer than 5")
    charts.py        inline SVG charts (matplotlib)
    render.py        the self-contained HTML page and the CSV files
    report.py        `python -m bot.insights.report`: reads the store, writes the report

Plain Python, no Rasa; actions/insights.py is the thin adapter.
"""
