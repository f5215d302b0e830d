# Every target sets up .venv itself on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# torch is pinned to the CPU build this machine keeps on disk; an unpinned torch pulls a CUDA build.
TORCH ?= torch==2.13.0

.PHONY: install demo test test-fast bench bench-repair bench-independent lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check $(TORCH)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,search,torch,integrations]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/model-trainer demo --out demo_out

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python benchmarks/overhead.py
	$(BIN)/python benchmarks/search_workers.py
	$(BIN)/python benchmarks/prewarm.py --filter lr_x100 --limit 4 --reps 2

# The evaluation half of the generated fault benchmark plus the ported real bugs. A spread subset of
# BENCH_LIMIT generated programs by default (about a minute each on 2 cores); BENCH_LIMIT= runs them all.
BENCH_LIMIT ?= 48
bench-repair: $(STAMP)
	mkdir -p bench_out
	$(BIN)/python benchmarks/repair.py --half eval --set both $(if $(BENCH_LIMIT),--limit $(BENCH_LIMIT)) --jobs 1 \
		--json bench_out/repair.json --md bench_out/repair.md

# The hundred and fifty-three programs written against the contract alone (benchmarks/independent/), with one plain training each
bench-independent: $(STAMP)
	mkdir -p bench_out
	$(BIN)/python benchmarks/independent.py --cost --out bench_out/independent \
		--json bench_out/independent.json --md bench_out/independent.md

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) demo_out bench_out .pytest_cache .ruff_cache
