"""The eligibility check, plain Python, no Rasa: its questions (`fields`, the
registry every other part reads), reading free-text answers (`parsing`, one
module per question), the rules (`rules`) and the check as a conversation
(`dialogue`)."""
