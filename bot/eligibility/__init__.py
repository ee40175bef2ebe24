"""The eligibility check: the rules (`rules`), reading free-text answers
(`parsing`) and the check as a conversation (`dialogue`). Plain Python, no Rasa."""
