# Reading the Kremlin: build, test, serve.
# `make book` and `make test` create .venv from requirements.lock when it is missing or older
# than requirements.lock, so they are the only two set-up commands a fresh machine needs.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: book test check serve clean notebooks bench venv pdf lab lock student-pack slides

venv: $(STAMP)

# The environment is requirements.lock (every package, transitive ones too, at an exact version),
# then the handbook package itself, then `pip check`. Python 3.11 is what the lock was compiled
# for; 3.12 and 3.13 install and run it too (see CONTRIBUTING.md); older ones stop here.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if (3, 11, 5) <= v[:3] and v[:2] <= (3, 13) else \
		f"make: the handbook needs Python 3.11.5 or later (3.12 and 3.13 also work; the lock needs 3.11.5), found {sys.version.split()[0]} at {sys.executable}; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . || \
		$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (handbook)" >/dev/null
	touch $(STAMP)

## lock: recompile requirements.lock from requirements.txt (after changing a pin there)
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--allow-unsafe --output-file requirements.lock requirements.txt

## book: build the site into _build/html, warnings as errors. Data are validated first, the
##       build goes to a staging folder, and the site is replaced only when all of it built:
##       a failed build says why in one line and leaves the last good site in place.
##       EDITION=student builds the student edition (no solutions) into _build/student/html.
##       FULL=1 rebuilds every page and re-executes every notebook (as `make clean book` does).
book: $(STAMP)
	$(BIN)/python -m handbook.build $(if $(EDITION),--edition $(EDITION)) $(if $(FULL),--full)

## student-pack: the zip students run the chapters from (handbook/pack.py): the chapters without
##               solutions, the data, the package, pinned requirements and a README, into
##               _build/student-pack/reading-the-kremlin-student-pack.zip; `make book` builds it too
student-pack: $(STAMP)
	$(BIN)/python -m handbook.pack

## check: the fast inner loop (lint, data, package; no build, no browser, no notebooks), < 60 s
check: $(STAMP)
	$(BIN)/ruff check handbook tests benchmarks book
	$(BIN)/python -m pytest tests -o addopts="-ra" -n 2 -p no:cacheprovider \
		-m "not site and not pdf and not slow"

## test: every test (unit, data, notebooks with nbval, built site in Chromium)
test: $(STAMP)
	$(BIN)/python -m pytest

## notebooks: re-execute every chapter from a clean kernel and store its outputs. They run with
##            one BLAS thread and a fixed hash seed; `make test` re-runs them (nbval) with two
##            threads and another seed, so an output that depends on either fails there.
notebooks: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0 \
		$(BIN)/python -m handbook.notebooks book/*.ipynb

## pdf: the whole book as one PDF, _build/latex/reading-the-kremlin.pdf. Needs Debian's
##      latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra
##      texlive-fonts-recommended texlive-fonts-extra fonts-freefont-otf
TEX_PACKAGES := latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended texlive-fonts-extra fonts-freefont-otf
pdf: $(STAMP)
	@command -v latexmk >/dev/null && command -v xelatex >/dev/null || \
		{ echo "make pdf needs TeX: apt-get install $(TEX_PACKAGES)"; exit 1; }
	$(BIN)/python -m handbook.build --pdf

## slides: write the instructor guide's slide decks into the last built site (make book does it too)
slides: $(STAMP)
	$(BIN)/python -m handbook.slides _build/html

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
