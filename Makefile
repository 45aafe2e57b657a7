# Two commands set up everything on a fresh machine: `make site` and `make test`.
SWIFT  ?= swift
LADDER := .build/debug/ladder
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq

.PHONY: site test build release install deps test-deps bench serve pdf fuzz sanitize clean

# libcmark (through pkg-config) is the one system library the build needs.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark; then \
	  echo "make: installing libcmark-dev and pkg-config"; \
	  $(SUDO) apt-get update -qq && $(APT) libcmark-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build --product ladder

site: build
	$(LADDER) build --content content --templates templates --output site

# PDFs of every track (a booklet) and role, into pdf/.
pdf: site
	$(LADDER) pdf --site site --output pdf

# Preview content/ at http://127.0.0.1:4000/ with live reload.
serve: build
	$(LADDER) serve --content content --templates templates

# The browser and PDF tests drive headless Chromium and read PDFs back with poppler-utils.
test-deps: deps
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
	    || ! command -v pdftotext >/dev/null 2>&1; then \
	  echo "make: installing chromium and poppler-utils for the browser and PDF tests"; \
	  $(SUDO) apt-get update -qq && $(APT) chromium poppler-utils; \
	fi
	@if [ ! -f .build/axe/axe.min.js ]; then \
	  echo "make: fetching axe-core (from PyPI's axe-selenium-python) for the accessibility tests"; \
	  mkdir -p .build/axe && python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
	    axe-selenium-python==3.0.0 -d .build/axe && \
	  python3 -c "import glob, zipfile; z = zipfile.ZipFile(glob.glob('.build/axe/*.whl')[0]); \
	    open('.build/axe/axe.min.js', 'wb').write(z.read('axe_selenium_python/node_modules/axe-core/axe.min.js'))" \
	  || echo "make: axe-core could not be fetched; the accessibility tests will be skipped"; \
	fi

# Some tests run the ladder binary itself (exit statuses, init, pdf), so it is built first.
# The tests' temporary folders go into one folder of their own, removed afterwards.
test: test-deps
	$(SWIFT) build --product ladder
	@scratch=$$(mktemp -d -t ladder-test-run.XXXXXX); \
	  TMPDIR=$$scratch $(SWIFT) test; status=$$?; rm -rf "$$scratch"; exit $$status

# The release binary, .build/release/ladder, with Swift's runtime and Foundation linked in, so
# that it runs on a machine without Swift.
#
# X86_64_BASELINE: on x86-64, the release binary may use the POPCNT instruction (every x86-64
# processor since 2008 has it); counting the bits of word signatures is most of the
# near-duplicate search. Set X86_64_BASELINE= to build for older processors.
X86_64_BASELINE ?= -Xswiftc -Xcc -Xswiftc -mpopcnt
RELEASE_FLAGS := $(if $(filter x86_64,$(shell uname -m)),$(X86_64_BASELINE))

release: deps
	$(SWIFT) build -c release --product ladder --static-swift-stdlib $(RELEASE_FLAGS)

# The release binary, installed as $(PREFIX)/bin/ladder (PREFIX=/usr/local unless given).
PREFIX ?= /usr/local
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 .build/release/ladder "$(DESTDIR)$(PREFIX)/bin/ladder"

# Speed and memory figures (not a test): ladder check and build against Hugo and the cmark tool.
bench: release
	@for tool in cmark wrk hugo; do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	  if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && $(APT) $$missing; fi
	bash scripts/bench.sh

# libFuzzer over the reading side (parser + health checks), with AddressSanitizer.
# FUZZ_RUNS executions (default 1,000,000), or FUZZ_SECONDS seconds if set; crashers land in Tests/Fixtures/fuzz/, where a test
# replays them from then on.
FUZZ_RUNS ?= 1000000
FUZZ_SECONDS ?= 0
fuzz: deps
	$(SWIFT) build -c release --product LadderFuzz --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	mkdir -p .build-fuzz/corpus
	find Tests/Fixtures -name '*.md' -size -64k -exec cp {} .build-fuzz/corpus/ \;
	.build-fuzz/release/LadderFuzz .build-fuzz/corpus -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  -artifact_prefix=Tests/Fixtures/fuzz/ -print_final_stats=1

# The test suite under AddressSanitizer, then ThreadSanitizer (each in its own build folder).
# Leak reports are off: at exit they list objects XCTest, Foundation's Process and the file
# watcher's thread still hold, which are not memory errors.
sanitize: test-deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan
