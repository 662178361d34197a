# PanelPrep. `make run` and `make test` are all a new machine needs (Debian/Ubuntu with Go).

GO       ?= go
BIN      := bin/panelprep
# The one place the version lives is FyneApp.toml; the binary gets it through -ldflags.
VERSION  := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILDNUM := $(shell sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
LDFLAGS  := -X main.version=$(VERSION) -X main.build=$(BUILDNUM)
# Fyne logs an error for the bare C locale; any real locale keeps test and run output clean.
export LANG := en_US.UTF-8

# Debian packages Fyne's OpenGL driver needs to compile (cgo: go-gl and GLFW).
FYNE_DEB := gcc pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev

.PHONY: run build test bench deps vet staticcheck ldflags clean

## run: install the system packages Fyne needs if missing, build, and start the app
run: build
	./$(BIN)

## build: build bin/panelprep with the real (OpenGL) driver
build: deps
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/panelprep

## deps: install Fyne's build dependencies on Debian/Ubuntu (with sudo when not root)
deps:
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "This is not a Debian/Ubuntu system. Install a C compiler and the OpenGL and X11 development"; \
	  echo "headers for your distribution (see https://docs.fyne.io/started/), then run 'make build' again."; \
	  exit 1; \
	fi; \
	for p in $(FYNE_DEB); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Fyne's build dependencies:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; \
	fi

## test: vet, staticcheck and the race-enabled tests, headless (no display or GL needed)
test: vet staticcheck
	$(GO) test -race -tags ci -count=1 ./...

vet:
	$(GO) vet -tags ci ./...

staticcheck:
	$(GO) tool staticcheck -tags ci ./...

## bench: the benchmarks, side by side with their baselines
bench:
	$(GO) test -tags ci -run '^$$' -bench . -benchmem ./...

## ldflags: print the linker flags that stamp the version (used by tests that build the binary)
ldflags:
	@echo '$(LDFLAGS)'

clean:
	rm -rf bin dist
