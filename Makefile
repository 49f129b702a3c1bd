# Hermes Workspace — the two commands a newcomer needs are `make run` and `make test`.
SWIFT ?= swift
DEMO_HOME ?= .demo/home
PORT ?= 9119

.PHONY: run test test-fast lint contract build release web vendor demo clean

## Start the workspace on a demo home (created on first use under .demo/).
run: vendor build $(DEMO_HOME)
	.build/debug/hermes-workspace serve --home $(DEMO_HOME) --port $(PORT) --web-root web

# The suites that drive the real agent (Python, several seconds of CPU per start): run after the rest, so their
# load never starves the timing-sensitive streaming and browser tests on a 2-core machine.
AGENT_SUITES = BrowserChannelsTests|BrowserToolsTests|AgentApprovalsCLITests|AgentApprovalsGatewayTests|BrowserAgentApprovalTests|StagedWritesTests|PairingTests|ApprovalPluginInteropTests|AgentSelfApprovalTests|ProfilesAgentTests

## Build everything and run every test (service, HTTP and browser tests, then the real agent's).
## ALONGSIDE_AGENTS: a command run at the same time as the agent suites, whose length is one serial suite waiting
## out the agent's approval timeouts; CI runs the contract fuzzing there. Its failure fails the target, as theirs does.
test: vendor
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(AGENT_SUITES)'
	$(SWIFT) test --skip-build --filter '$(AGENT_SUITES)' & agents=$$!; status=0; $(or $(ALONGSIDE_AGENTS),true) || status=$$?; \
	  wait $$agents && exit $$status

## Unit and HTTP tests only (no browser, no reference agent, no proxies): the quick loop while you work.
test-fast: vendor
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip E2ETests

## The gates CI runs first: swift-format, TypeScript strict, api.gen.ts matching openapi.yaml, the map naming real paths.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Plugins Package.swift
	cd web && tsc --project .
	scripts/gen-api-types.py --check
	scripts/check-doc-paths.py

## Contract fuzzing: schemathesis against openapi.yaml and the release binary (EXAMPLES per operation, default 25).
contract:
	Tests/contract/run.sh

build:
	$(SWIFT) build

## The release binary, with the web UI and the approvals plugin built into it (React's files are fetched first).
release: vendor
	$(SWIFT) build -c release

vendor:
	web/fetch-vendor.sh

web:
	web/build.sh

$(DEMO_HOME):
	$(SWIFT) build
	.build/debug/hermes-workspace demo $(DEMO_HOME)

demo: $(DEMO_HOME)

clean:
	rm -rf .build .demo
