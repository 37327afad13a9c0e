# anomaly-report — build, test, benchmark and publish the demo report.
# `make report` and `make test` work on a fresh machine: missing system packages are installed first.

SWIFT       ?= swift
OUTPUT      ?= output
RELEASE_BIN := .build/release
# Release builds use AVX2/FMA when the building machine has them (the MC-EM kernels gain from them, docs/performance.md; and
# FUSED_MULTIPLY_ADD makes their multiply-accumulates fused: see `accumulate` in Sources/MonteCarloEM/SIMD+Accumulate.swift);
# the binary then needs such a CPU, which every machine of this project's class has.
RELEASE_FLAGS ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo && echo "-Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DFUSED_MULTIPLY_ADD")

.PHONY: all deps browser-deps build release report test bench fuzz gallery browser-check clean
.PHONY: bench-real

all: build

# System libraries: libcairo2-dev (with pkg-config, DejaVu fonts and zlib1g-dev) for figures; liblz4, libzstd and
# liblzma for ROOT files' compressed blocks. Each is installed only when missing.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists cairo zlib || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
		echo "installing libcairo2-dev, zlib1g-dev, pkg-config and fonts-dejavu-core"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libcairo2-dev zlib1g-dev pkg-config fonts-dejavu-core; \
	fi
	@if ! pkg-config --exists liblz4 libzstd liblzma; then \
		echo "installing liblz4-dev, libzstd-dev and liblzma-dev (ROOT file decompression)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y liblz4-dev libzstd-dev liblzma-dev; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product anomaly-report

report: release
	$(RELEASE_BIN)/anomaly-report run --output $(OUTPUT)
	@echo "report written to $(OUTPUT)/index.html"

# Tests run on a release build (with testability): the end-to-end tests train networks and render
# dozens of figures, about 14 times slower in a debug build.
TEST_FLAGS = -c release $(RELEASE_FLAGS) -Xswiftc -enable-testing

# In CI (CI=true) the browser check must not be skipped: Chromium is installed first (about 20 s).
browser-deps:
	@if [ "$${CI:-}" = "true" ] && ! command -v chromium >/dev/null 2>&1; then \
		echo "installing chromium for the browser check"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

test: deps browser-deps
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	$(SWIFT) test --skip-build $(TEST_FLAGS)
	$(RELEASE_BIN)/anomaly-report run --quick --output .build/browser-check-report --quiet --formats png,svg
	bash Tests/browser/check-report.sh .build/browser-check-report
	$(RELEASE_BIN)/anomaly-report run --quick --output .build/browser-check-vector --quiet --formats svg,pdf
	SCREENSHOT=$(abspath .build/report-screenshot-vector.png) bash Tests/browser/check-report.sh .build/browser-check-vector
	@$(MAKE) --no-print-directory slurm-check

bench: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product Bench
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product anomaly-report
	$(RELEASE_BIN)/Bench $(BENCH)

# MC-EM and a rolling-median reference on the NAB development series (../shared/nab-dev.txt), judged by
# VUS-PR, VUS-ROC and AUC-PR: `make bench-real NAB=<dir with NAB's data/ and labels/>`. Table and CSV.
# BENCH_SEED=N runs every approach with another seed (the means move by about ±0.01 with it); BENCH_SAMPLES_X,
# BENCH_EPOCHS_X, BENCH_LR, BENCH_REACH and BENCH_CONTEXT vary a default (see benchSettings in RealSeriesBench.swift).
NAB ?=
NAB_LIST ?= ../shared/nab-dev.txt
bench-real: deps
	@if [ -z "$(NAB)" ] || [ ! -d "$(NAB)/data" ]; then \
		echo "bench-real: NAB=<dir> with NAB's data/ and labels/combined_windows.json (github numenta/NAB) is needed; nothing run"; \
	else \
		$(SWIFT) build -c release $(RELEASE_FLAGS) --product Bench && $(RELEASE_BIN)/Bench real $(NAB) $(NAB_LIST); \
	fi

# Seeded random-mutation fuzzing of every input reader, for FUZZ_SECONDS (default 120).
FUZZ_SECONDS ?= 120
fuzz: deps
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(SWIFT) test --skip-build $(TEST_FLAGS) --filter ReaderFuzzTests

# One figure of each mark kind, as PNG and SVG, into $(GALLERY) (for looking at; outside $(OUTPUT),
# which a report run replaces whole).
GALLERY ?= .build/gallery
gallery: deps
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	mkdir -p $(GALLERY)
	GALLERY_DIR=$(abspath $(GALLERY)) $(SWIFT) test --skip-build $(TEST_FLAGS) --filter GalleryTests
	@echo "gallery written to $(GALLERY)"

# Renders the demo report (quick) and checks it in headless Chromium; skipped without Chromium.
browser-check: release
	$(RELEASE_BIN)/anomaly-report run --quick --output .build/browser-check-report --quiet
	bash Tests/browser/check-report.sh .build/browser-check-report

clean:
	rm -rf .build

# The README's Slurm recipe, run on a one-node Slurm that Tests/slurm/slurm-test.sh starts and stops (as root,
# about 1–2 minutes): 4 shards as an array job and a dependent merge, compared with the unsharded run.
# In CI (CI=true) slurm-wlm and munge are installed first and the test is never skipped; elsewhere `make test`
# skips it with a message where Slurm or root is missing. `make slurm-test` always runs it.
.PHONY: slurm-deps slurm-check slurm-test
SLURM_TOOLS := munged mungekey slurmctld slurmd sbatch
HAVE_SLURM  := ( for t in $(SLURM_TOOLS); do command -v $$t >/dev/null 2>&1 || exit 1; done )

slurm-deps:
	@if [ "$${CI:-}" = "true" ] && ! $(HAVE_SLURM); then \
		echo "installing slurm-wlm and munge for the Slurm test"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge; \
	fi

# Uses the binary `make test` has just built (no rebuild with other flags).
slurm-check: slurm-deps
	@if [ "$${CI:-}" = "true" ] || { $(HAVE_SLURM) && [ "$$(id -u)" = 0 ]; }; then \
		bash Tests/slurm/slurm-test.sh $(RELEASE_BIN)/anomaly-report; \
	else \
		echo "slurm-test: skipped (needs root and Debian's slurm-wlm and munge; CI=true installs them)"; \
	fi

slurm-test: release slurm-deps
	bash Tests/slurm/slurm-test.sh $(RELEASE_BIN)/anomaly-report
