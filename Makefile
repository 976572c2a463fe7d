# The two commands: `make demo` and `make test`. Everything else is what they need.
VENV ?= .venv
PY := $(VENV)/bin/python
SANKOFA := $(VENV)/bin/sankofa
DEMO_PEOPLE ?= 3000
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test env lint unit browser messages clean

$(VENV)/.installed: pyproject.toml requirements.lock
	python3.11 -m venv $(VENV) 2>/dev/null || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

env: $(VENV)/.installed node_modules/.installed

demo: env
	$(SANKOFA) migrate --noinput
	$(SANKOFA) demo --people $(DEMO_PEOPLE)
	$(SANKOFA) runserver $(HOST):$(PORT)

lint: env
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	SANKOFA_ENV=test $(SANKOFA) makemigrations --check --dry-run
	SANKOFA_ENV=test $(SANKOFA) check

test: env lint
	SANKOFA_ENV=test $(VENV)/bin/pytest

messages: env
	cd src/sankofa && ../../$(SANKOFA) makemessages -l fr --no-obsolete --no-location --ignore 'node_modules/*' && ../../$(SANKOFA) compilemessages

clean:
	rm -rf $(VENV) node_modules var
