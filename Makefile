# Ouvrage: `make run` serves the product with demo data, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test setup install migrate demo lint format bench messages clean

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

setup: install
	scripts/system-packages run
	DEBUG=1 $(PY) manage.py migrate --noinput
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	DEBUG=1 $(PY) manage.py collectstatic --noinput -v 0
	DEBUG=1 $(PY) manage.py seed_demo

# Development server: daphne (HTTP and WebSockets) plus the periodic jobs.
run: setup
	@echo "Ouvrage on http://127.0.0.1:$(PORT)/ (demo password: ouvrage-demo)"
	DEBUG=$${DEBUG:-1} $(PY) manage.py run_periodic & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(VENV)/bin/daphne -b 127.0.0.1 -p $(PORT) config.asgi:application

test: install
	scripts/system-packages test
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff for style, lint-imports for the layers declared in pyproject.toml
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Each app (a folder with apps.py) keeps its own catalogues under <app>/locale/.
messages:
	for app in $$(dirname */apps.py); do mkdir -p $$app/locale; \
	  (cd $$app && ../$(PY) ../manage.py makemessages -l fr -l en --no-obsolete -v 0); done

bench: install
	scripts/system-packages bench
	$(PY) benchmarks/run_all.py

clean:
	rm -rf var/ouvrage.sqlite3* var/static
