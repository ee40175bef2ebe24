# Probation Careers Advisor: `make run` and `make test` do all the set-up.
SHELL := /bin/bash
PY310 ?= /root/.pyenv/versions/3.10.13/bin/python
VENV := .venv
PY := $(VENV)/bin/python
# Rasa's command line through the project's entry point (rasa_tuning/__main__.py).
RASA := scripts/rasa
SPACY_MODEL := .build/spacy_probation
MODEL := models/current.tar.gz

# Every command below runs with the project's environment: telemetry off
# (Rasa's RASA_TELEMETRY_ENABLED), third-party start-up noise filtered
# (scripts/lib/project.env; scripts/lib/python/sitecustomize.py through PYTHONPATH).
include scripts/lib/project.env
export RASA_TELEMETRY_ENABLED TF_CPP_MIN_LOG_LEVEL SQLALCHEMY_SILENCE_UBER_WARNING
export PYTHONPATH := $(CURDIR)/scripts/lib/python$(if $(PYTHONPATH),:$(PYTHONPATH))

KNOWLEDGE := $(wildcard knowledge/*.yml)
# The domain is the folder domain/ (Rasa merges its files): the top-level domain.yml
# by hand (domain/domain.yml is a link to it), domain/eligibility.yml generated.
DOMAIN := domain
TRAINING_INPUTS := config.yml domain.yml domain/eligibility.yml $(shell find data -name '*.yml' 2>/dev/null) $(KNOWLEDGE)

.PHONY: run run-scaled shell test knowledge train clean browser-setup test-browser fitted

run: $(MODEL) fitted
	@scripts/serve.sh

# Scale-out profile: PostgreSQL, Redis, two Rasa servers behind nginx (docs/scaling.md).
run-scaled: $(MODEL) fitted
	@scripts/serve_scaled.sh

shell: $(MODEL) fitted
	@scripts/serve.sh --shell

# The models the action server fits on knowledge/ (the interview verdict, the safety
# classifier), fitted once into .build/fitted/ (bot/fitted.py) so that no start, nor a
# restart after a crash, pays for them (a second or two to check when nothing changed).
fitted: $(VENV)/.installed
	@$(PY) -m bot.fitted

# scripts/test.sh trains (make train, only if needed) beside the tests that need no model.
test: $(VENV)/.installed data/rules_faq.yml data/nlu/gaps.yml domain/eligibility.yml
	@scripts/test.sh

# One line per set-up step, with how long it takes, so working is told from stuck.
# scripts/lib/install.sh installs with uv (pinned, from PyPI), with pip's package
# sources; nothing is byte-compiled: Python compiles the modules actually imported
# the first time it imports them.
$(VENV)/.installed: requirements.txt constraints.txt scripts/lib/install.sh
	@echo "== installing the pinned Python packages into $(VENV) (about 30 s; 15 s with uv's cache warm)"
	@test -x $(PY) || $(PY310) -m venv $(VENV)
	@scripts/lib/install.sh -r requirements.txt
	@touch $@

# A broken knowledge file stops everything here, with the file and entry named.
knowledge: $(VENV)/.installed
	@$(PY) -m bot.knowledge
	@$(PY) -m bot.interview.bank

$(SPACY_MODEL)/meta.json: $(VENV)/.installed bot/build/spacy_pipeline.py
	@echo "== building the blank English spaCy pipeline (the tokenizer) into $(SPACY_MODEL)"
	@$(PY) -m bot.build.spacy_pipeline $(SPACY_MODEL)

data/rules_faq.yml: knowledge/topics.yml bot/build/faq_rules.py $(VENV)/.installed
	@$(PY) -m bot.build.faq_rules > $@

# The eligibility check's slots, form and questions come from its field registry,
# into a file of their own (never a rewrite of the hand-edited domain.yml).
domain/eligibility.yml: bot/eligibility/fields.py bot/build/eligibility_domain.py | $(VENV)/.installed
	@$(PY) -m bot.build.eligibility_domain $@

data/nlu/gaps.yml: knowledge/gaps.yml bot/knowledge/gaps.py bot/build/gap_examples.py $(VENV)/.installed
	@$(PY) -m bot.build.gap_examples > $@

# Retrain only when the data, config, domain or knowledge changed. `make test`
# runs `rasa data validate` itself, so training skips repeating it (~10 s).
$(MODEL): $(VENV)/.installed $(SPACY_MODEL)/meta.json data/rules_faq.yml data/nlu/gaps.yml $(wildcard nlu/*.py) $(TRAINING_INPUTS)
	@$(PY) -m bot.knowledge
	@mkdir -p .build
	@$(PY) -m bot.interview.bank
	@echo "== training the model (about 40-60 s; Rasa's own progress follows)"
	@flock .build/train.lock $(RASA) train --domain $(DOMAIN) --fixed-model-name current --out models --skip-validation
	@touch $@

train: $(MODEL)

# Helpline triage (bot/helpline/triage.py): `make triage REF=PC-7K3QX` prints a card,
# `make triage` alone lists recent conversations that need a person;
# `make purge DAYS=90` deletes conversations idle that long (run it daily).
# With SCALED=1 both read `make run-scaled`'s PostgreSQL instead of var/tracker.db
# (port and folder from SCALED_PG_PORT and SCALED_DIR, as there); its password
# goes in through PGPASSWORD, never on a command line.
.PHONY: triage purge
SCALED_DIR ?= var/scaled
SCALED_PG_PORT ?= 5461
TRIAGE_STORE = $(if $(SCALED),test -s $(SCALED_DIR)/pg_password || { echo "no $(SCALED_DIR)/pg_password: \
	make run-scaled creates it" >&2; exit 1; }; PGPASSWORD="$$(cat $(SCALED_DIR)/pg_password)" \
	TRACKER_DB_URL=postgresql://rasa@127.0.0.1:$(SCALED_PG_PORT)/rasa)

triage: $(VENV)/.installed
	@$(TRIAGE_STORE) $(PY) -m bot.helpline.triage $(if $(REF),$(REF),--recent 20)

purge: $(VENV)/.installed
	@$(TRIAGE_STORE) $(PY) -m bot.helpline.triage --purge-older-than $(or $(DAYS),90)

# Backups (bot/service/backup.py): `make backup` copies the tracker store while the
# bot runs (SQLite's online backup; SCALED=1: pg_dump) to var/backups/ with the time
# in its name; `make restore FILE=var/backups/...` puts one back, with the bot
# stopped (it refuses while the bot's Rasa port, RASA_PORT or SCALED_PORT, answers).
.PHONY: backup restore
backup: $(VENV)/.installed
	@$(TRIAGE_STORE) $(PY) -m bot.service.backup backup

restore: $(VENV)/.installed
	@$(if $(FILE),,echo "give FILE=var/backups/tracker-....db (make backup prints it)" >&2; exit 2;)
	@$(if $(SCALED),scripts/restore_scaled.sh '$(FILE)',BOT_PORTS="$(or $(RASA_PORT),5005)" \
		$(PY) -m bot.service.backup restore '$(FILE)')

# What visitors asked and what the bot missed (bot/insights/report.py): a
# self-contained HTML page, var/report.html (OUT=...), over the same store as
# triage (SCALED=1: the scale-out PostgreSQL). SINCE/UNTIL=YYYY-MM-DD pick the
# days; CSV=DIR also writes the tables as CSV.
.PHONY: report
report: $(VENV)/.installed
	@$(TRIAGE_STORE) $(PY) -m bot.insights.report $(if $(SINCE),--since $(SINCE)) \
		$(if $(UNTIL),--until $(UNTIL)) $(if $(OUT),--out $(OUT)) $(if $(CSV),--csv $(CSV))

# The staff console's accounts (bot/staff/cli.py, in var/staff.db or $STAFF_DB):
# `make staff-user USER=name ROLE=helpline|recruitment|admin` creates or resets
# one, the password read from standard input (asked twice at a terminal, never
# on the command line); `make staff-user USER=name DISABLE=1` disables one.
.PHONY: staff-user
staff-user: $(VENV)/.installed
	@$(if $(filter command line,$(origin USER)),,echo "give USER=name (and ROLE=... or DISABLE=1)" >&2; exit 2;)
	@$(PY) -m bot.staff.cli '$(USER)' $(if $(DISABLE),--disable,$(if $(ROLE),--role '$(ROLE)'))

browser-setup:
	@scripts/install_browser.sh

test-browser: $(MODEL) browser-setup
	$(PY) -m pytest -q tests/browser

clean:
	rm -rf .build models var results
