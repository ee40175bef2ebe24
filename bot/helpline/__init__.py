"""The helpline team's tools: triage cards (`triage`), reference codes a visitor
quotes (`reference`) and reading or purging stored conversations (`tracker_events`)."""
