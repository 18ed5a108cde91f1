# make run: create .venv, install, migrate SQLite, serve the reference project (--dev).
# make test: install test extras, run the suite on SQLite, then on PostgreSQL when reachable.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PG_DSN ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
DEV_CONFIG := var/kratos.dev.yml

.PHONY: install install-test run test test-sqlite test-postgres lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(DEV_CONFIG): | $(VENV)/.installed
	$(PY) manage.py kratos dev-config $(DEV_CONFIG)

run: $(VENV)/.installed $(DEV_CONFIG)
	KRATOS_CONFIG=$(DEV_CONFIG) $(PY) manage.py migrate --noinput
	KRATOS_CONFIG=$(DEV_CONFIG) $(PY) manage.py kratos serve --dev -c $(DEV_CONFIG)

test: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(MAKE) test-sqlite
	@if [ -n "$$KRATOS_TEST_DSN" ] || $(PY) -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',5432)))"; then \
		$(MAKE) test-postgres; \
	elif [ -n "$$KRATOS_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required but not reachable" >&2; exit 1; \
	else \
		echo "PostgreSQL not reachable: skipped the PostgreSQL run"; \
	fi

test-sqlite: install-test
	KRATOS_TEST_DSN= $(VENV)/bin/pytest -q

test-postgres: install-test
	KRATOS_TEST_DSN=$${KRATOS_TEST_DSN:-$(PG_DSN)} $(VENV)/bin/pytest -q

bench: install-test
	$(PY) benchmarks/hashing.py

clean:
	rm -rf $(VENV) var/*.sqlite3
