# Chorus: `make run` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export CHORUS_BASE_URL ?= http://127.0.0.1:$(PORT)
FLASK := $(BIN)/flask --app wsgi
CSS := app/static/build/chorus.css
JS := app/static/build/exit-this-page.js
DEMO_SURVEY := riverton-feeling-safe-8-12

.PHONY: run test lint typecheck assets bench bench-evidence bench-chaos bench-capacity bench-training bench-disclosures clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(CSS): app/assets/chorus.scss node_modules/.package-lock.json
	npm run --silent build

$(CSS).gz: $(CSS)
	gzip -9 --keep --force $(CSS)

$(JS): app/assets/exit-this-page.js node_modules/.package-lock.json
	@mkdir -p $(dir $(JS))
	npm run --silent build:js

$(JS).gz: $(JS)
	gzip -9 --keep --force $(JS)

assets: $(CSS) $(CSS).gz $(JS) $(JS).gz

run: $(VENV)/.installed assets
	$(FLASK) db upgrade
	$(FLASK) demo
	$(FLASK) purge
	@echo "Respondent links (open one on a phone-sized window):"
	@$(FLASK) links $(DEMO_SURVEY) --open
	@$(FLASK) links $(DEMO_SURVEY) --count 3
	@echo "Serving Chorus on http://127.0.0.1:$(PORT); due training reminders are queued and" \
		"queued mail goes out every minute" \
		"(without CHORUS_MAIL_URL, as .eml files in $${CHORUS_OUTBOX:-instance/outbox/})"
	@# The mail loop (training reminders that are due, then the outbox) runs beside gunicorn
	@# and is stopped with it (Ctrl-C, or gunicorn failing).
	@trap 'kill $$mailer 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	while :; do $(FLASK) send-reminders >/dev/null; $(FLASK) send-mail >/dev/null; sleep 60; \
	done & mailer=$$!; \
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 3 --log-level warning wsgi:app

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

test: $(VENV)/.installed-test assets lint typecheck
	$(BIN)/pytest

bench: $(VENV)/.installed-test assets
	$(BIN)/python -m bench.load

bench-evidence: $(VENV)/.installed-test assets
	$(BIN)/python -m bench.evidence

bench-chaos: $(VENV)/.installed-test assets
	$(BIN)/python -m bench.chaos

bench-capacity: $(VENV)/.installed-test assets
	$(BIN)/python -m bench.capacity

bench-training: $(VENV)/.installed-test
	$(BIN)/python -m bench.training_codes

bench-disclosures: $(VENV)/.installed-test
	$(BIN)/python -m bench.disclosures

clean:
	rm -rf $(VENV) node_modules app/static/build instance
