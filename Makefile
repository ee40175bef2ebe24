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

.PHONY: run shell test knowledge train clean browser-setup test-browser

run: $(MODEL)
	@scripts/serve.sh

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
	$(RASA) train --fixed-model-name current --out models --quiet
	@touch $@

train: $(MODEL)

browser-setup:
	@scripts/install_browser.sh

test-browser: $(MODEL) browser-setup
	$(PY) -m pytest -q tests/browser

clean:
	rm -rf .build models var results
