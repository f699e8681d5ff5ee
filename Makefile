# Two commands do all set-up on a fresh machine (Python 3.11+):
#   make run    -> local console on seeds/ (or the Discord bot when DISCORD_TOKEN is set)
#   make test   -> the whole test suite (CI)
#   make test-fast -> the suite without the tests marked slow, for local work
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint eval train install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m bot start

test: $(STAMP)
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

lint: $(STAMP)
	$(PY) -m ruff check bot tests scripts
	$(PY) -m mypy

eval: $(STAMP)
	$(PY) scripts/eval_polnear.py

# Rebuild the learned artefacts from PolNeAR train (../shared/eval): the frames first, then the filter over them.
train: $(STAMP)
	$(PY) scripts/train_frames.py
	$(PY) scripts/train_ranker.py

clean:
	rm -rf $(VENV)
