# Reading the Kremlin: build, test, serve.
# `make book` and `make test` create .venv from requirements.txt when it is missing or older
# than requirements.txt, so they are the only two set-up commands a fresh machine needs.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
JB_FLAGS := --all -W -n --keep-going

export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: book test serve clean notebooks bench venv pdf lab

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . || \
		$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (handbook)" >/dev/null
	touch $(STAMP)

## book: build the site into _build/html, warnings as errors
##       EDITION=student builds the student edition (no solutions) into _build/student/_build/html
book: $(STAMP)
ifeq ($(EDITION),student)
	HANDBOOK_EDITION=student $(BIN)/jupyter-book build . --builder html --path-output _build/student $(JB_FLAGS)
else
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS)
	touch _build/html/.handbook-build-stamp
endif

## test: every test (unit, data, notebooks with nbval, built site in Chromium)
test: $(STAMP)
	$(BIN)/python -m pytest

## notebooks: re-execute every chapter from a clean kernel and store its outputs
notebooks: $(STAMP)
	$(BIN)/python -m handbook.notebooks book/*.ipynb

## pdf: the whole book as one PDF, _build/latex/reading-the-kremlin.pdf. Needs Debian's
##      latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra
##      texlive-fonts-recommended texlive-fonts-extra fonts-freefont-otf
TEX_PACKAGES := latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended texlive-fonts-extra fonts-freefont-otf
pdf: $(STAMP)
	@command -v latexmk >/dev/null && command -v xelatex >/dev/null || \
		{ echo "make pdf needs TeX: apt-get install $(TEX_PACKAGES)"; exit 1; }
	$(BIN)/jupyter-book build . --builder pdflatex --all -n --keep-going
	@ls -l _build/latex/reading-the-kremlin.pdf

## lab: open the chapters in JupyterLab, with the handbook's kernel
lab: $(STAMP)
	$(BIN)/jupyter lab --ip 127.0.0.1 --notebook-dir book

## serve: serve the built site on http://127.0.0.1:$(PORT)
serve: book
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

## bench: print build, test and page-weight figures
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build .jupyter_cache
