# anomaly-report — build, test, benchmark and publish the demo report.
# `make report` and `make test` work on a fresh machine: missing system packages are installed first.

SWIFT       ?= swift
OUTPUT      ?= output
RELEASE_BIN := .build/release
# Release builds use AVX2/FMA when the building machine has them (the MC-EM kernels gain from them, docs/performance.md; and
# FUSED_MULTIPLY_ADD makes their multiply-accumulates fused: see `accumulate` in Sources/MonteCarloEM/SIMD+Accumulate.swift;
# AVX2 lets DinamoML transpose tiles with AVX2 shuffles: see Sources/DinamoML/TileTranspose.swift);
# the binary then needs such a CPU, which every machine of this project's class has.
RELEASE_FLAGS ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo && echo "-Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DFUSED_MULTIPLY_ADD -Xswiftc -DAVX2")

.PHONY: all deps browser-deps build release report test bench fuzz gallery browser-check clean
.PHONY: static share install uninstall dist dist-check chroot-check runtime-deps
.PHONY: bench-real

all: build

# System packages, one list each in packaging/: what a build needs (headers, pkg-config, the figures' font) and
# what the release binary needs at run time (the list the Containerfile, the Apptainer definition and the
# minimal-Debian test install). The build list is installed when something of it is missing.
BUILD_PACKAGES   := $(strip $(shell sed 's/\#.*//' packaging/build-packages.txt))
RUNTIME_PACKAGES := $(strip $(shell sed 's/\#.*//' packaging/runtime-packages.txt))

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists cairo zlib liblz4 libzstd liblzma \
		|| [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
		echo "installing $(BUILD_PACKAGES)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(BUILD_PACKAGES); \
	fi

# What a machine needs to run the release binary (the tarball, `make install`), and nothing to build it.
runtime-deps:
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(RUNTIME_PACKAGES)

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
	@$(MAKE) --no-print-directory dist-check

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
	@# The column figures' PDFs drawn as a viewer draws them (poppler), then the page again to show those.
	@if command -v pdftoppm >/dev/null 2>&1; then \
		for f in $(GALLERY)/column/*.pdf; do pdftoppm -r 150 -png -singlefile "$$f" "$${f%.pdf}-pdf"; done; \
		GALLERY_DIR=$(abspath $(GALLERY)) $(SWIFT) test --skip-build $(TEST_FLAGS) --filter GalleryTests/testColumnGalleryIsWritten; \
	else echo "pdftoppm not found (apt-get install poppler-utils): the column page shows cairo's PNGs"; fi
	@echo "gallery written to $(GALLERY) (column width: $(GALLERY)/column/index.html)"

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

# --- Shipping (docs/install.md) ----------------------------------------------------------------------------------
# The portable binary links the Swift runtime and Foundation statically, so it needs only the packages of
# packaging/runtime-packages.txt. It is built in its own scratch directory: its modules are compiled against the
# static runtime, and sharing .build/release would rebuild everything for every switch between it and the tests.
STATIC_BUILD := .build/static
STATIC_BIN   := $(STATIC_BUILD)/release/anomaly-report
SHARE_BUILD  := .build/share
PREFIX  ?= /usr/local
DESTDIR ?=
# Installed files, relative to $(PREFIX): `uninstall` removes exactly these.
INSTALLED := bin/anomaly-report share/man/man1/anomaly-report.1 \
	share/bash-completion/completions/anomaly-report share/zsh/site-functions/_anomaly-report \
	share/fish/vendor_completions.d/anomaly-report.fish

# `make static` always asks SwiftPM; the targets below rebuild the binary only when a source, or RELEASE_FLAGS
# (recorded in STATIC_FLAGS, rewritten only when they change), is newer than it: a SwiftPM run re-embeds the
# templates and recompiles Reporting even when nothing changed, about a minute.
STATIC_SOURCES := Package.swift $(shell find Sources Plugins templates -type f 2>/dev/null)
STATIC_FLAGS   := $(STATIC_BUILD)/.release-flags
$(shell mkdir -p $(STATIC_BUILD) && [ "$$(cat $(STATIC_FLAGS) 2>/dev/null)" = "$(RELEASE_FLAGS)" ] || echo "$(RELEASE_FLAGS)" > $(STATIC_FLAGS))
static: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --static-swift-stdlib --product anomaly-report --scratch-path $(STATIC_BUILD)

$(STATIC_BIN): $(STATIC_SOURCES) $(STATIC_FLAGS) | deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --static-swift-stdlib --product anomaly-report --scratch-path $(STATIC_BUILD)
	@touch $@

# The man page and the completions, generated from the binary itself.
SHARE_STAMP := $(SHARE_BUILD)/.generated
share: $(SHARE_STAMP)
$(SHARE_STAMP): $(STATIC_BIN) scripts/share-files.sh scripts/manpage.swift
	bash scripts/share-files.sh $(STATIC_BIN) $(SHARE_BUILD)
	@touch $@

# `make install PREFIX=/usr/local` (the default), `DESTDIR=/tmp/pkg` for packaging; the binary is stripped.
install: $(SHARE_STAMP)
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 -s $(STATIC_BIN) "$(DESTDIR)$(PREFIX)/bin/anomaly-report"
	@for f in $(filter share/%,$(INSTALLED)); do \
		echo "install $(DESTDIR)$(PREFIX)/$$f"; \
		install -D -m 644 "$(SHARE_BUILD)/$${f#share/}" "$(DESTDIR)$(PREFIX)/$$f" || exit 1; \
	done

uninstall:
	@for f in $(INSTALLED); do \
		if [ -e "$(DESTDIR)$(PREFIX)/$$f" ]; then echo "rm $(DESTDIR)$(PREFIX)/$$f"; rm -f "$(DESTDIR)$(PREFIX)/$$f"; fi; \
	done

# dist/anomaly-report-<version>-linux-<arch>.tar.gz and dist/SHA256SUMS: an install with an empty PREFIX into a
# staging directory, plus LICENSE, THIRD_PARTY_NOTICES, README.md and the runtime package list.
DIST_STAGE := .build/dist-stage
dist: $(SHARE_STAMP)
	rm -rf $(DIST_STAGE)
	@$(MAKE) --no-print-directory install DESTDIR=$(abspath $(DIST_STAGE)) PREFIX=
	bash scripts/dist.sh $(DIST_STAGE) dist

# The release artefacts checked as users get them (part of `make test`): the tarball unpacked into an empty
# directory and run with a bare environment, its libraries, man page and completions; `make install` and
# `uninstall` into a temporary prefix; the GitHub Action's script; and, in CI, the minimal-Debian test, whose root
# is made while the static binary compiles.
dist-check: deps chroot-deps
	@$(MAKE) --no-print-directory -j2 --output-sync=target dist chroot-root
	bash Tests/dist/tarball-test.sh dist
	bash Tests/dist/install-test.sh
	bash Tests/ci/ci-report-test.sh dist
	@$(MAKE) --no-print-directory chroot-check

# The tarball on a minimal Debian with only packaging/runtime-packages.txt installed (debootstrap, then chroot;
# about 2 minutes, the root kept in .build/chroot). In CI (CI=true) debootstrap is installed first and the test
# must run; elsewhere it is skipped with a message unless debootstrap and root are there.
.PHONY: chroot-deps chroot-root
CHROOT_WANTED := ( [ "$${CI:-}" = "true" ] || { command -v debootstrap >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; } )
chroot-deps:
	@if [ "$${CI:-}" = "true" ] && ! command -v debootstrap >/dev/null 2>&1; then \
		echo "installing debootstrap for the minimal-Debian test"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap; \
	fi

chroot-root:
	@if $(CHROOT_WANTED); then bash Tests/dist/chroot-test.sh --prepare; fi

chroot-check: chroot-deps
	@if $(CHROOT_WANTED); then \
		bash Tests/dist/chroot-test.sh dist; \
	else \
		echo "chroot-test: skipped (needs root and debootstrap; CI=true installs it)"; \
	fi
