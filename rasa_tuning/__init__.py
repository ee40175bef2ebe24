"""How the project's Rasa server is put together, and made quick (never what it decides).

Everything runs through one entry point, `scripts/rasa` (this package's
`__main__.py`): it applies the patches, logs which are active, checks that the
endpoints file's tracker store is the project's, and hands over to Rasa's own
command line. `make run`, `make shell`, `make test` and training go through it.

- Named where Rasa looks for them (its extension points):
  the tracker store, `tracker_store.KeptTrackerSQLStore` (endpoints.yml,
  endpoints-scaled.yml); the rule policy, `rule_policy.IndexedRulePolicy`
  (config.yml); the chat channel, `channels/capped_rest.CappedRestInput` (credentials.yml).
- Patched, where Rasa has no extension point, by `patches.apply_all()` only:
  see `patches.py` for the list.

Importing a module here changes nothing in Rasa. Each adjustment checks that
the Rasa code it relies on is still the code it was written against, and leaves
Rasa alone otherwise. `STOCK_RASA=1` (`stock.py`) runs Rasa as it comes.
"""
