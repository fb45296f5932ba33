# Two commands set everything up on a fresh Debian machine:
#   make build   creates .venv, installs qgen and the system packages, builds source/ into build/
#   make test    the same, plus the test dependencies, then runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test check bench docs fuzz clean system-packages test-system-packages

build: $(VENV)/.installed system-packages
	$(BIN)/qgen build

test: $(VENV)/.installed-test test-system-packages
	$(BIN)/python -m pytest -n auto --dist worksteal

# The loop while editing: every test not marked slow (papers, Chromium, the fresh install).
check: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not slow"

bench: $(VENV)/.installed-test test-system-packages
	$(BIN)/python bench/run.py

# A long fuzzing run (not part of make test): the fuzz tests with tens of thousands of examples.
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider --hypothesis-show-statistics \
		tests/test_fuzz.py tests/test_reader_properties.py -k "not ids_survive and not assigned_ids"

system-packages:
	sh scripts/install-system-packages

test-system-packages:
	sh scripts/install-system-packages --test

# The pip that venv brings (22 or newer with Python 3.10) installs this project as it is.
$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	touch $@

# --no-compile: Python compiles what qgen imports when it first imports it, instead of pip
# compiling every module of every library up front (make build: 27 s to 21 s).
$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install -q --no-compile -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install -q --no-compile -e '.[test]'
	touch $(VENV)/.installed $@

clean:
	rm -rf build $(VENV)

# The pictures in README.md: an exam and its key (first pages), an Anki card, the study page.
docs: $(VENV)/.installed-test test-system-packages
	SOURCE_DATE_EPOCH=1700000000 $(BIN)/qgen build --shuffle --count 10 --seed 42 --cards answer,points --out build/docs
	pdftoppm -r 50 -png -singlefile build/docs/llm-interview-exam.pdf docs/exam-page1
	pdftoppm -r 50 -png -singlefile build/docs/llm-interview-key.pdf docs/key-page1
	SOURCE_DATE_EPOCH=1700000000 $(BIN)/qgen build --format interview --shuffle --count 5 --seed 42 --out build/docs-interview
	pdftoppm -r 50 -png -singlefile build/docs-interview/llm-interview-interview.pdf docs/interview-page1
	pdftoppm -r 50 -png -singlefile -f 4 -l 4 build/docs-interview/llm-interview-interview.pdf docs/interview-summary
	SOURCE_DATE_EPOCH=1700000000 $(BIN)/qgen build --config docs/examples/qgen.yaml docs/examples/choices.md --format exam,key,apkg --seed 42 --out build/docs-choices
	pdftoppm -r 50 -png -singlefile build/docs-choices/choices-exam.pdf docs/choice-exam
	pdftoppm -r 50 -png -singlefile build/docs-choices/choices-key.pdf docs/choice-key
	$(BIN)/python scripts/screenshots.py build/docs docs build/docs-choices
