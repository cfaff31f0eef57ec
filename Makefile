# ruledesk — `make demo` shows the sample decisions, `make test` runs every test. Both install what they need.
SWIFT ?= swift
DEMO_DB ?= ruledesk.db
DEBIAN_PACKAGES := pkg-config liblua5.4-dev libsqlite3-dev libedit-dev libzstd-dev lua-check tzdata zlib1g-dev chromium fonts-wqy-zenhei
RELEASE_BIN = .build/release/ruledesk
DEBUG_BIN = .build/debug/ruledesk

.PHONY: deps build release demo test bench clean

## Install the Debian packages the build and the tests need (as root), or say how.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## A fresh database from samples/ (an existing $(DEMO_DB) is kept as $(DEMO_DB).previous), the sample rules
## published into it, the sample events recorded, and the decisions.
demo: release
	@if [ -f $(DEMO_DB) ]; then mv -f $(DEMO_DB) $(DEMO_DB).previous; rm -f $(DEMO_DB)-wal $(DEMO_DB)-shm; \
	  echo "kept the previous $(DEMO_DB) as $(DEMO_DB).previous"; fi
	@$(RELEASE_BIN) init --db $(DEMO_DB)
	@for kind in communities households contractors calendar tickets revisits; do \
	  $(RELEASE_BIN) import $$kind samples/$$kind.csv --db $(DEMO_DB) || exit 1; done
	@$(RELEASE_BIN) rules publish --db $(DEMO_DB) --by demo --note "the sample rules, as make demo sets them up" --yes
	@$(RELEASE_BIN) import events samples/events.csv --db $(DEMO_DB)
	@for number in $$(cut -d, -f1 samples/tickets.csv | tail -n +2); do \
	  echo; echo "════════ $$number"; $(RELEASE_BIN) eval $$number --db $(DEMO_DB) || exit 1; done

## The host's own Lua linted (Sources/.luacheckrc), Swift tests (library and the built binary end to end), then
## the rule tests.
test: build
	cd Sources && luacheck --no-color --quiet .
	$(SWIFT) test
	$(DEBUG_BIN) test

## Batch speed and memory beside the SQLite floor (docs/performance.md); needs sqlite3 and GNU time.
bench: release
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="sqlite3 time"
	BEFORE="$(BEFORE)" scripts/bench.sh

clean:
	rm -rf .build
