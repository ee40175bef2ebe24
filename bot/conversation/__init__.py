"""Answering visitors: FAQ answers and "the pages don't cover this" (`answering`,
`answers`, `relevance`, `multi_question`), unclear input (`clarify`), what the chat
webhook accepts (`incoming`) and the reply when a part is down (`degraded`)."""
