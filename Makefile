# ziskc top-level commands. `make demo` and `make test` install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all build deps demo test test-long bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: deps build
	@bash scripts/demo.sh $(BUILD)

# Tests run JOBS processes at once, each with its own OpenMP threads: idle OpenMP workers must
# sleep instead of spinning, or the oversubscribed cores slow every test several times over.
test: deps build
	cd $(BUILD) && OMP_WAIT_POLICY=passive ctest --output-on-failure -j $(JOBS) -LE long

test-long: deps build
	cd $(BUILD) && OMP_WAIT_POLICY=passive ctest --output-on-failure -j $(JOBS) -L long

bench: deps build
	@bash scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD)
