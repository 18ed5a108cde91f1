# make run:  create .venv, install, write var/kratos.dev.yml (random secrets), migrate SQLite,
#            serve the reference project with --dev (public :4433, admin :4434).
# make test: ruff, import-linter, the suite on SQLite, then on PostgreSQL when KRATOS_TEST_DSN
#            is set or 127.0.0.1:5432 answers (required when KRATOS_REQUIRE_POSTGRES is set).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PG_DSN ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
DEV_CONFIG := var/kratos.dev.yml
# pytest exits 5 when it collected nothing: say so and fail (any non-zero status fails).
PYTEST = $(VENV)/bin/pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; fi; exit $$status

.PHONY: install install-test run test test-sqlite test-postgres lint bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# DEV=true: the settings need no secrets to run this one command.
$(DEV_CONFIG): | $(VENV)/.installed
	DEV=true $(PY) manage.py kratos dev-config $(DEV_CONFIG)

run: $(VENV)/.installed $(DEV_CONFIG)
	KRATOS_CONFIG=$(DEV_CONFIG) $(PY) manage.py migrate --noinput
	$(PY) manage.py kratos serve --dev -c $(DEV_CONFIG)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: lint
	$(MAKE) test-sqlite
	@if [ -n "$$KRATOS_TEST_DSN" ] || $(PY) -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',5432)))"; then \
		$(MAKE) test-postgres; \
	elif [ -n "$$KRATOS_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required but not reachable" >&2; exit 1; \
	else \
		echo "PostgreSQL not reachable: skipped the PostgreSQL run"; \
	fi

test-sqlite: install-test
	KRATOS_TEST_DSN= $(PYTEST)

# A test database of its own per run ($$$$ is the shell's pid), so that concurrent runs on
# one server do not drop each other's database.
test-postgres: install-test
	KRATOS_TEST_DSN=$${KRATOS_TEST_DSN:-$(PG_DSN)} \
	KRATOS_TEST_DB_NAME=$${KRATOS_TEST_DB_NAME:-test_kratos_$$$$} $(PYTEST)

bench: install-test
	$(PY) benchmarks/hashing.py

clean:
	rm -rf $(VENV) var/*.sqlite3
