# booty's step-by-step runner. `make run` does booty's main job on a fresh machine;
# `make test` runs the whole test suite (what .ci/run calls).
SHELL := /bin/bash
JAVA_HOME := $(shell bin/find-jdk 21)
export JAVA_HOME
MVN ?= mvn -B -ntp
BOOTY := bin/booty
# the second nats-server version installed beside the default, for upgrade scenarios
NATS_PREVIOUS ?= nats-server@2.10.27

.PHONY: help build test unit install up down deploy run status bench-install bench-up bench-deploy bench-backchannel bench-dns bench-harness bench-browser bench-dashboard bench-plugins bench-ssh format clean

help:
	@echo "make run            build, install, boot the local stack, deploy local-3dc, run the DC-outage scenario"
	@echo "make test           the whole test suite: unit + integration (real Go builds, apt, HTTP)"
	@echo "make build          build the distribution (dist/target/booty, bin/booty)"
	@echo "make install        build, then 'booty install' every component (+ $(NATS_PREVIOUS))"
	@echo "make bench-install  time cold installs per source and print the booty home size"
	@echo "make bench-up       time booty up (cold and warm) and a job run to healthy"
	@echo "make bench-deploy   time booty deploy (cold, no-op) and measure the RTT between data centres"
	@echo "make bench-backchannel  ping round trips to every agent, telemetry delay to VictoriaMetrics"
	@echo "make bench-dns      geo DNS: answer latency per data centre, server death to changed answer"
	@echo "make bench-harness  test clients one JVM sustains (ramp to 3000), their throughput vs nats bench"
	@echo "make bench-browser  browser NATS connections one machine holds (ramp to 1500), memory per connection vs JVM"
	@echo "make bench-dashboard  booty's page in Chromium: first render, back-channel event to page, page weight"
	@echo "make bench-plugins  a plugin call through gRPC vs in process (p50/p99), cold start of a plugin process"
	@echo "make bench-ssh      ssh hosting: provision N sshd test hosts into a secured stack (cold, no-op), release them"
	@echo "make format         apply the Java formatter (the build checks it)"

build:
	$(MVN) -DskipTests package

test:
	$(MVN) verify

unit:
	$(MVN) -DskipITs test

install: build
	$(BOOTY) install
	$(BOOTY) install $(NATS_PREVIOUS)

up:
	$(BOOTY) up

down:
	$(BOOTY) down

status:
	$(BOOTY) status

deploy:
	$(BOOTY) deploy scenarios/local-3dc.yaml

# runs the DC-outage scenario on it and prints the verdict and the report's path (exit 0 pass, 1 an
# expectation failed, 3 the run broke); leaves the stack and the deployment up to explore:
# `bin/booty destroy local-3dc` and `bin/booty down` remove them
run: install up deploy
	$(BOOTY) scenario run scenarios/dc-outage.yaml

bench-install: build
	$(BOOTY) install nats-server
	bin/booty-dev bench install --component nats-server

bench-up: build
	bin/booty-dev bench up

bench-deploy: build
	bin/booty-dev bench deploy

bench-backchannel: build
	bin/booty-dev bench backchannel

bench-dns: build
	bin/booty-dev bench dns

# thousands of long-running clients want the full JIT and G1, not the launcher's quick-start
# defaults (C1 only, serial GC); override with HARNESS_JAVA_OPTS=...
HARNESS_JAVA_OPTS ?= -XX:+UseG1GC -Xshare:auto
bench-harness: build
	BOOTY_JAVA_OPTS="$(HARNESS_JAVA_OPTS)" bin/booty-dev bench harness

# the JVM clients beside the browsers run as bench-harness runs them (G1, full JIT)
bench-browser: build
	bin/booty-dev bench browser

bench-dashboard: build
	bin/booty-dev bench dashboard

# the example plugin plugins/examples/hello-chaos (built by `build`) in booty's JVM and out of
# process; writes booty-dev/target/bench-plugins.json. No stack needed.
bench-plugins: build
	bin/booty-dev bench plugins

# SshHostingBench (plugins/ssh-hosting's test scope; not a test, so only named here): real sshd
# test hosts on 127.0.92.0/24 and a real secured Consul+Nomad stack; prints a table and writes
# plugins/ssh-hosting/target/bench-ssh.json. Needs root (the hosts' mount namespaces, port 22).
BENCH_SSH_HOSTS ?= 1,2,4
BENCH_SSH_ROUNDS ?= 3
bench-ssh:
	$(MVN) -pl plugins/ssh-hosting -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=SshHostingBench -Dfailsafe.failIfNoSpecifiedTests=false \
	  -Dbench.ssh.hosts=$(BENCH_SSH_HOSTS) -Dbench.ssh.rounds=$(BENCH_SSH_ROUNDS) verify

format:
	$(MVN) spotless:apply

clean:
	$(MVN) clean
