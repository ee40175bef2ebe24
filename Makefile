# Probation Careers Advisor: `make run` and `make test` do all the set-up.
SHELL := /bin/bash
PY310 ?= /root/.pyenv/versions/3.10.13/bin/python
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
SPACY_MODEL := .build/spacy_probation
MODEL := models/current.tar.gz

KNOWLEDGE := $(wildcard knowledge/*.yml)
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(KNOWLEDGE)

.PHONY: run run-scaled shell test knowledge train clean browser-setup test-browser

run: $(MODEL)
	@scripts/serve.sh

# Scale-out profile: PostgreSQL, Redis, two Rasa servers behind nginx (docs/scaling.md).
run-scaled: $(MODEL)
	@scripts/serve_scaled.sh

shell: $(MODEL)
	@scripts/serve.sh --shell

test: $(MODEL)
	@scripts/test.sh

$(VENV)/.installed: requirements.txt constraints.txt
	@test -x $(PY) || $(PY310) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

# A broken knowledge file stops everything here, with the file and entry named.
knowledge: $(VENV)/.installed
	@$(PY) -m bot.knowledge

$(SPACY_MODEL)/meta.json: $(VENV)/.installed $(KNOWLEDGE) bot/spacy_pipeline.py bot/knowledge.py
	@$(PY) -m bot.knowledge
	$(PY) -m bot.spacy_pipeline $(SPACY_MODEL)

data/rules_faq.yml: knowledge/topics.yml bot/generate_rules.py $(VENV)/.installed
	$(PY) -m bot.generate_rules > $@

# Retrain only when the data, config, domain or knowledge changed.
$(MODEL): $(VENV)/.installed $(SPACY_MODEL)/meta.json data/rules_faq.yml $(wildcard nlu/*.py) $(TRAINING_INPUTS)
	@$(PY) -m bot.knowledge
	@mkdir -p .build
	flock .build/train.lock $(RASA) train --fixed-model-name current --out models --quiet
	@touch $@

train: $(MODEL)

# Helpline triage (bot/triage.py): `make triage REF=PC-7K3QX` prints a card,
# `make triage` alone lists recent conversations that need a person;
# `make purge DAYS=90` deletes conversations idle that long (run it daily).
.PHONY: triage purge
triage: $(VENV)/.installed
	@$(PY) -m bot.triage $(if $(REF),$(REF),--recent 20)

purge: $(VENV)/.installed
	@$(PY) -m bot.triage --purge-older-than $(or $(DAYS),90)

browser-setup:
	@scripts/install_browser.sh

test-browser: $(MODEL) browser-setup
	$(PY) -m pytest -q tests/browser

clean:
	rm -rf .build models var results
