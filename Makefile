# disburse — make targets. `make` alone lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

GO      ?= go
BIN     := bin/disburse
MONTH   ?= 2026-11
DEMO    := demo

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: build
build: ## build bin/disburse
	$(GO) build -o $(BIN) ./cmd/disburse

.PHONY: run
run: build ## run the monthly job on a fresh copy of the fixture inbox (in demo/)
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/inbox
	@cp fixtures/inbox/$(MONTH)/*.xlsx $(DEMO)/inbox/
	$(BIN) run --month $(MONTH) --inbox $(DEMO)/inbox --data $(DEMO)/data --rules rules
	@echo
	@echo "Workbooks: $(DEMO)/data/out/$(MONTH)/   Database: $(DEMO)/data/disburse.db"
	@echo "Payment lines as CSV: $(BIN) payments --month $(MONTH) --data $(DEMO)/data --format csv"

.PHONY: test
test: ## vet, check formatting and run every test (the cli package takes about 4 minutes on 2 idle cores; Go's 10-minute limit per package is raised to 30 for a busy machine)
	$(GO) vet ./...
	@out="$$(gofmt -l cmd internal fixtures)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) test -timeout 30m ./...

BENCH_SIZES ?= 12000,100000,1000000

.PHONY: bench
bench: ## Go benchmarks (calculator, service lists, ID validation, reading a roster, writing a department workbook, recording lines, corrections), then the whole run against the floor at 12k/100k/1M rows (BENCH_SIZES)
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...
	$(GO) run ./fixtures/bench -sizes $(BENCH_SIZES) -dir .bench

.PHONY: fixtures
fixtures: ## regenerate the fixture inboxes (2026-11 from its seed, 2026-10 derived from it)
	$(GO) run ./fixtures/gen -month 2026-11 -streets 4 -rows 60 -seed 1 -out fixtures/inbox/2026-11
	$(GO) run ./fixtures/derive -from fixtures/inbox/2026-11 -to fixtures/inbox/2026-10 -month 2026-10

.PHONY: clean
clean: ## remove bin/ and demo/
	rm -rf bin $(DEMO)
