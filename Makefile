# PanelPrep. `make run` and `make test` are all a new machine needs (Debian/Ubuntu with Go).

GO       ?= go
BIN      := bin/panelprep
# Extra go test flags for make test's two test runs: -count=1 runs every test again (see test).
TESTFLAGS ?=
# The one place the version lives is FyneApp.toml; the binary gets it through -ldflags.
VERSION  := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILDNUM := $(shell sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
LDFLAGS  := -X main.version=$(VERSION) -X main.build=$(BUILDNUM)
# Fyne logs an error for the bare C locale; any real locale keeps test and run output clean.
export LANG := en_US.UTF-8

# Debian packages Fyne's OpenGL driver needs to compile (cgo: go-gl and GLFW).
FYNE_DEB := gcc pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
FYNE_DEB_HINT := Install a C compiler and the OpenGL and X11 development headers for your distribution (see https://docs.fyne.io/started/), then run 'make build' again.

# Installers (make dist). The fyne tool runs with `go run` at a pinned version, so go.mod is untouched.
FYNE     = $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
APP_ID   := $(shell sed -n 's/^ *ID *= *"\(.*\)"/\1/p' FyneApp.toml)
DIST     := dist
LINUX_PKG = $(DIST)/panelprep-$(VERSION)-linux-$(shell $(GO) env GOARCH).tar.xz
WIN_ZIP   = $(DIST)/panelprep-$(VERSION)-windows-amd64.zip
# Debian packages make dist needs on top of FYNE_DEB: the Windows cross-compiler, the archivers,
# and what make dist-check inspects the results with.
DIST_DEB := gcc-mingw-w64-x86-64 zip unzip xz-utils file desktop-file-utils icoutils binutils
DIST_DEB_HINT := Install mingw-w64 (x86_64-w64-mingw32-gcc), zip, unzip, xz, file, desktop-file-utils, icoutils (wrestool, icotool) and binutils (strings), then run 'make dist' again.
# The Windows .exe's icon and version resource: go-winres, run like the fyne tool at a pinned
# version, compiles them into a .syso that go build links in. Windows wants a four-part file version.
WINRES      = $(GO) run github.com/tc-hib/go-winres@v0.3.3
WIN_VERSION := $(VERSION).$(BUILDNUM)
WIN_SYSO    := cmd/panelprep/rsrc_windows_amd64.syso

# The launch benchmark opens real windows on a virtual display.
BENCH_DEB := xvfb
BENCH_DEB_HINT := Install Xvfb to run the launch benchmark; the others need nothing else.

# The real-window tests drive the built app in a virtual display with real key and mouse events
# and read its pixels back.
WINDOW_DEB := xvfb xdotool x11-xserver-utils imagemagick
WINDOW_DEB_HINT := Install Xvfb, xdotool, xmodmap (x11-xserver-utils) and ImageMagick (its import command) to run the real-window tests.

.PHONY: run build test test-race test-race-ui-1 test-race-ui-2 test-race-rest test-fuzz test-window fuzz bench deps vet staticcheck ldflags clean dist dist-deps dist-linux dist-windows dist-check

## run: install the system packages Fyne needs if missing, build, and start the app
run: build
	./$(BIN)

## build: build bin/panelprep with the real (OpenGL) driver
# go build touches its output even when nothing in it changed (cmd/go says why, in exec.go), and go
# test's cache knows the real-window tests' input, this binary, by its size and time. So the build
# goes to a copy of the last binary, which go build finds up to date and does not link again, and
# replaces $(BIN) only when the bytes differ: an unchanged app keeps its time and the window tests'
# cached pass; a changed one runs them again.
build: deps
	@set -e; new=$(BIN).new.$$$$; trap 'rm -f "$$new"' EXIT; mkdir -p $(dir $(BIN)); \
	if [ -f $(BIN) ]; then cp -p $(BIN) "$$new"; fi; \
	echo '$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/panelprep'; \
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o "$$new" ./cmd/panelprep; \
	if cmp -s "$$new" $(BIN); then echo "$(BIN) is up to date"; else mv "$$new" $(BIN); fi

## deps: install Fyne's build dependencies on Debian/Ubuntu (with sudo when not root)
deps:
	$(call apt-install,FYNE_DEB,Fyne's build dependencies,FYNE_DEB_HINT)

# apt-install: install those of the Debian packages listed in variable $(1) that are missing (with sudo
# when not root), saying "Installing $(2)"; without dpkg, print variable $(3) and fail.
define apt-install
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "This is not a Debian/Ubuntu system. $($(3))"; \
	  exit 1; \
	fi; \
	for p in $($(1)); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing $(2):$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; \
	fi
endef

# fuzz-briefly runs the fuzzer $(1) in ./prep for 5 s. Go's fuzzing engine sometimes fails at the
# end of -fuzztime having found nothing ("context deadline exceeded", golang/go#51484; "fuzzing
# process hung or terminated unexpectedly", golang/go#56238). A real finding always writes its
# input to testdata/fuzz and says so, so only that, or an error of another kind, fails the build;
# the seed corpus itself runs as ordinary tests in the step before.
define fuzz-briefly
	@log=$$(mktemp); \
	if $(GO) test -tags ci -run '^$$' -fuzz '^$(1)$$' -fuzztime 5s -fuzzminimizetime 5s ./prep >$$log 2>&1; then \
	  tail -n 2 $$log; rm -f $$log; \
	elif ! grep -q 'Failing input written to' $$log && grep -Eq 'context deadline exceeded|fuzzing process hung or terminated unexpectedly' $$log; then \
	  tail -n 4 $$log; rm -f $$log; \
	  echo "$(1): the fuzzing engine stopped with its own error and found no failing input (golang/go#51484); not a failure"; \
	else \
	  cat $$log; rm -f $$log; exit 1; \
	fi
endef

## test: vet, staticcheck, the race-enabled tests (headless), a brief run of each fuzzer, then the real-window tests
## (a package whose code and inputs have not changed since it last passed is not run again: make test TESTFLAGS=-count=1 runs all)
# go test's own cache decides what runs again: a package's tests run when its test binary changes
# (its code or anything it imports), or a file or environment variable its tests read; the
# real-window tests count the app binary they drive among those files. So make test after a change
# to a screen runs ui's tests and the window suite, and after no change runs only the fuzzers.
# TESTFLAGS=-count=1 runs every test whatever the cache holds.
# The race tests' three runs, the fuzzers and the build of the binary the window tests drive share
# the two cores (make -j2): the fuzzers run for a fixed time whatever else runs. The real-window
# tests come after, on their own: they wait on real windows with timeouts, and four of them at
# once already keep the cores busy.
# --output-sync prints each target's output whole, not interleaved.
test: vet staticcheck
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-race test-fuzz build
	@$(MAKE) --no-print-directory test-window

# The race-enabled tests, in three go test runs that make -j2 schedules on the two cores: ui's
# tests in two halves, the first listed so they start first, then every other package. ui's tests
# share one Fyne test app and so run one at a time, under -race most of the headless time (about
# 190 s of CPU on a quiet two-core machine): as one run it kept a core busy alone for minutes after
# the rest had finished. The halves split the test names at P, about 93 s and 96 s each; the second
# is everything the first does not run (-skip), so a new test always runs in one of them.
# -timeout 20m: a run went past go test's default 10 minutes on a machine shared with other
# builds; a hang still fails.
UI_FIRST_HALF := ^Test[A-O]
RACE := $(GO) test -race -tags ci -timeout 20m $(TESTFLAGS)
test-race: test-race-ui-1 test-race-ui-2 test-race-rest

test-race-ui-1:
	$(RACE) -run '$(UI_FIRST_HALF)' ./ui

test-race-ui-2:
	$(RACE) -skip '$(UI_FIRST_HALF)' ./ui

test-race-rest:
	$(RACE) $$($(GO) list ./... | grep -v '/ui$$')

test-fuzz:
	$(call fuzz-briefly,FuzzDecodeBundle)
	$(call fuzz-briefly,FuzzParseSet)

## test-window: the app built as make build builds it, each test in its own Xvfb, driven with real
## X key and mouse events; results read back from the store (export) and from screenshots
test-window: build
	$(call apt-install,WINDOW_DEB,the real-window tests' display and input tools,WINDOW_DEB_HINT)
	@# -parallel 4: each test has its own Xvfb, app and data, and an app spends most of its time
	@# waiting for the next key. On a quiet two-core machine the suite took 358 s one test at a time,
	@# 103 s four at once and 74-92 s eight at once; eight passed beside four busy loops too, but two
	@# of about fifteen runs had an app take over 30 s to exit (main.go's exitIfStuck), so four, for a margin.
	PANELPREP_BINARY=$(CURDIR)/$(BIN) $(GO) test -tags window -parallel 4 -timeout 15m $(TESTFLAGS) ./cmd/panelprep/windowtest

FUZZTIME ?= 10m
## fuzz: run each fuzzer for FUZZTIME (default 10m) from its seed corpus in prep/testdata/fuzz
fuzz:
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzDecodeBundle$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10s ./prep
	$(GO) test -tags ci -run '^$$' -fuzz '^FuzzParseSet$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10s ./prep

# The real-window tests are behind their own build tag: vet and staticcheck read them too.
# Both type-check the GL driver's cgo packages, so they need Fyne's build dependencies first: on a
# fresh machine make test otherwise stopped at vet on a missing X11/Xcursor/Xcursor.h.
vet: deps
	$(GO) vet -tags ci ./...
	$(GO) vet -tags window ./cmd/panelprep/windowtest

staticcheck: deps
	$(GO) tool staticcheck -tags ci ./...
	$(GO) tool staticcheck -tags window ./cmd/panelprep/windowtest

## bench: the benchmarks, side by side with their baselines (the launch and memory benchmarks need Xvfb and GL headers)
bench: deps
	$(call apt-install,BENCH_DEB,the launch benchmark's virtual display,BENCH_DEB_HINT)
	$(GO) test -tags ci -run '^$$' -bench . -skip 'LaunchWindow|DailyBackupMemory' -benchmem ./...
	@# One launch takes a fifth of a second and varies by tens of milliseconds: 20 pairs, not 3.
	$(GO) test -tags ci -run '^$$' -bench LaunchWindow -benchtime 20x ./cmd/panelprep
	@# Resident memory of the launch that writes the daily backup, beside a bare window (Linux).
	$(GO) test -tags ci -run '^$$' -bench DailyBackupMemory -benchtime 1x ./cmd/panelprep

## ldflags: print the linker flags that stamp the version (used by tests that build the binary)
ldflags:
	@echo '$(LDFLAGS)'

clean:
	rm -rf bin dist

## dist: the installers in dist/: the Linux package (fyne tool) and a zipped Windows .exe (mingw-w64).
## Slow when cold (about 5 and 6 minutes on two cores); not part of make test. make -j2 dist runs both at once.
dist: dist-linux dist-windows
	@ls -l $(DIST)

## dist-deps: install what make dist needs on top of Fyne's build dependencies (with sudo when not root)
dist-deps: deps
	$(call apt-install,DIST_DEB,the installer build tools,DIST_DEB_HINT)

# The binary is built exactly as make build builds it (-trimpath, version from FyneApp.toml), then
# handed to the fyne tool with --exe. The tool rewrites FyneApp.toml (it bumps Build) in its
# --src directory and wants Go code there, so it gets a throwaway copy of FyneApp.toml, the icon
# and the main package's source, and runs in a scratch directory, where it leaves the tarball.
dist-linux: deps
	@set -eu; rm -f $(DIST)/panelprep-*-linux-*.tar.xz; mkdir -p $(DIST); \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "Building the Linux binary: PanelPrep $(VERSION) (build $(BUILDNUM))"; \
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o "$$tmp/panelprep" ./cmd/panelprep; \
	mkdir -p "$$tmp/src/assets" "$$tmp/src/cmd/panelprep" "$$tmp/out"; \
	cp FyneApp.toml "$$tmp/src/"; cp assets/icon.png "$$tmp/src/assets/"; cp cmd/panelprep/*.go "$$tmp/src/cmd/panelprep/"; \
	echo "Packaging it with the fyne tool"; \
	(cd "$$tmp/out" && $(FYNE) package --os linux --src "$$tmp/src" --exe "$$tmp/panelprep" \
	  --app-version "$(VERSION)" --app-build "$(BUILDNUM)"); \
	set -- "$$tmp"/out/*.tar.xz; [ $$# = 1 ] && [ -f "$$1" ] || { echo "dist-linux: the fyne tool made no tarball" >&2; exit 1; }; \
	mv "$$1" $(LINUX_PKG); \
	echo "Made $(LINUX_PKG)"

# Cross-built with cgo and mingw-w64; -H windowsgui so no console window opens with the app. The
# icon (assets/icon.png, from 256 down to 16 px) and the version resource (FileVersion
# $(WIN_VERSION), ProductVersion $(VERSION)) come from a .syso made for this build only: it sits in
# cmd/panelprep while the .exe is built and is removed after (never committed; .gitignore has it).
dist-windows: dist-deps
	@set -eu; rm -f $(DIST)/panelprep-*-windows-*.zip; mkdir -p $(DIST); \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp" $(WIN_SYSO)' EXIT; mkdir -p "$$tmp/PanelPrep"; \
	echo "Making the Windows icon and version resource (go-winres): $(WIN_VERSION)"; \
	$(WINRES) simply --arch amd64 --out cmd/panelprep/rsrc --manifest gui --icon assets/icon.png \
	  --product-name PanelPrep --file-description "PanelPrep: rehearse the Director of Engineering interview loop" \
	  --product-version "$(VERSION)" --file-version "$(WIN_VERSION)" --original-filename PanelPrep.exe; \
	[ -f $(WIN_SYSO) ] || { echo "dist-windows: go-winres made no $(WIN_SYSO)" >&2; exit 1; }; \
	echo "Cross-building the Windows binary with mingw-w64: PanelPrep $(VERSION) (build $(BUILDNUM))"; \
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -trimpath -ldflags "$(LDFLAGS) -H windowsgui" -o "$$tmp/PanelPrep/PanelPrep.exe" ./cmd/panelprep; \
	zip_path="$(CURDIR)/$(WIN_ZIP)"; (cd "$$tmp" && zip -q -r -X "$$zip_path" PanelPrep); \
	echo "Made $(WIN_ZIP)"

## dist-check: install the Linux package from dist/ into a temporary prefix with its own Makefile, run
## the installed panelprep --version against FyneApp.toml, check the desktop entry, icon, uninstall
## and the Windows zip (the .exe's icon and version resource read back with wrestool). Fails on any mismatch.
dist-check: dist-deps
	@set -eu; pkg=$(LINUX_PKG); zip=$(WIN_ZIP); \
	for f in "$$pkg" "$$zip"; do \
	  [ -f "$$f" ] || { echo "dist-check: $$f is missing; run 'make dist' first" >&2; exit 1; }; \
	done; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; prefix="$$tmp/prefix"; \
	fail() { echo "dist-check: FAIL: $$*" >&2; exit 1; }; \
	mkdir "$$tmp/pkg"; tar -xJf "$$pkg" -C "$$tmp/pkg"; \
	set -- "$$tmp"/pkg/*/Makefile; [ $$# = 1 ] && [ -f "$$1" ] || fail "no Makefile at the top of $$pkg"; \
	pkgdir=$$(dirname "$$1"); \
	echo "== $$pkg: make install PREFIX=<tmp>/prefix"; \
	$(MAKE) --no-print-directory -C "$$pkgdir" install PREFIX="$$prefix"; \
	want="PanelPrep $(VERSION) (build $(BUILDNUM))"; \
	got=$$("$$prefix/bin/panelprep" --version) || fail "$$prefix/bin/panelprep --version exited $$?"; \
	echo "installed bin/panelprep --version: $$got"; \
	[ "$$got" = "$$want" ] || fail "bin/panelprep --version printed \"$$got\", FyneApp.toml says \"$$want\""; \
	desktop="$$prefix/share/applications/$(APP_ID).desktop"; \
	[ -f "$$desktop" ] || fail "no desktop entry at share/applications/$(APP_ID).desktop"; \
	desktop-file-validate "$$desktop" || fail "desktop-file-validate rejects $(APP_ID).desktop"; \
	for line in "Type=Application" "Name=PanelPrep" "Exec=panelprep" "Icon=$(APP_ID)"; do \
	  grep -qxF "$$line" "$$desktop" || fail "$(APP_ID).desktop has no line $$line"; \
	done; \
	echo "share/applications/$(APP_ID).desktop: valid; Name, Exec and Icon as expected"; \
	icon="$$prefix/share/pixmaps/$(APP_ID).png"; \
	cmp -s assets/icon.png "$$icon" || fail "share/pixmaps/$(APP_ID).png is missing or differs from assets/icon.png"; \
	echo "share/pixmaps/$(APP_ID).png: same as assets/icon.png ($$(file -b "$$icon" | cut -d, -f1-2))"; \
	$(MAKE) --no-print-directory -C "$$pkgdir" uninstall PREFIX="$$prefix" >/dev/null; \
	left=$$(find "$$prefix" -type f); [ -z "$$left" ] || fail "make uninstall left: $$left"; \
	echo "make uninstall: removes all three files"; \
	echo "== $$zip"; \
	unzip -tq "$$zip" >/dev/null || fail "$$zip is damaged"; \
	unzip -q "$$zip" -d "$$tmp/win"; exe="$$tmp/win/PanelPrep/PanelPrep.exe"; \
	[ -f "$$exe" ] || fail "$$zip has no PanelPrep/PanelPrep.exe"; \
	kind=$$(file -b "$$exe"); echo "PanelPrep/PanelPrep.exe: $$kind"; \
	case "$$kind" in *"PE32+ executable (GUI) x86-64"*) ;; *) fail "PanelPrep.exe is not a 64-bit Windows GUI executable";; esac; \
	LC_ALL=C wrestool -x -t14 "$$exe" > "$$tmp/icon.ico" 2>/dev/null && [ -s "$$tmp/icon.ico" ] || fail "PanelPrep.exe has no icon (group icon resource)"; \
	sizes=$$(LC_ALL=C icotool -l "$$tmp/icon.ico" | sed -n 's/.*--width=\([0-9]*\).*/\1/p' | paste -sd' '); \
	case " $$sizes " in *" 256 "*" 16 "*) ;; *) fail "PanelPrep.exe's icon has the sizes [$$sizes], want 256 down to 16";; esac; \
	echo "PanelPrep.exe icon: $$sizes px"; \
	LC_ALL=C wrestool -x --raw -t16 "$$exe" | strings -el > "$$tmp/version.txt" || true; \
	[ -s "$$tmp/version.txt" ] || fail "PanelPrep.exe has no version resource"; \
	field() { sed -n "/^$$1\$$/{n;p;q}" "$$tmp/version.txt"; }; \
	for pair in "FileVersion=$(WIN_VERSION)" "ProductVersion=$(VERSION)" "ProductName=PanelPrep" "OriginalFilename=PanelPrep.exe"; do \
	  got=$$(field "$${pair%%=*}"); [ "$$got" = "$${pair#*=}" ] || fail "PanelPrep.exe's $${pair%%=*} is \"$$got\", FyneApp.toml says \"$${pair#*=}\""; \
	done; \
	echo "PanelPrep.exe version resource: FileVersion $$(field FileVersion), ProductVersion $$(field ProductVersion), ProductName $$(field ProductName)"; \
	echo "dist-check: OK"
