# Storyreel: `make demo`, `make test`, `make run` each set up the virtual environment first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# CPU build for CI and laptops; GPU users install their CUDA build of torch into the venv first
# (see README), and this spec is then already satisfied.
TORCH ?= torch==2.13.0
STAMP := $(VENV)/.storyreel-installed
# The farm extra (ray[serve]) only for what needs it (tests, benchmarks): demo and run stay lean.
FARM_STAMP := $(VENV)/.storyreel-farm-installed
DEMO := build/demo

.PHONY: setup setup-farm demo test test-fast lint run screenshot docs translations bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet "$(TORCH)"
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup-farm: $(FARM_STAMP)

$(FARM_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,farm]"
	@# The upscaling test's spandrel, without its torchvision: PyPI's torchvision wheels are CUDA builds
	@# that do not load against the CPU torch (users install storyreel[upscale] beside their torch).
	$(PY) -m pip install --quiet einops && $(PY) -m pip install --quiet --no-deps "spandrel>=0.4,<0.5"
	touch $(FARM_STAMP)

demo: setup
	$(PY) main.py demo-model $(DEMO)/tiny-model
	rm -rf $(DEMO)/film && mkdir -p $(DEMO)/film
	cp resources/examples/example.reel $(DEMO)/film/example.reel
	cp -r resources/examples/example.media $(DEMO)/film/example.media
	@# The film names the Hub's I2V-A14B for its shots with images and VACE-Fun A14B for its cast's
	@# shots; this copy uses the demo's own image and reference models.
	$(PY) -c 'import sys; from app.project.reel_file import load_project, save_project; \
	p = load_project(sys.argv[1]); p.settings.image_model = sys.argv[2]; \
	p.settings.vace_model = sys.argv[3]; save_project(p)' \
	$(DEMO)/film/example.reel $(abspath $(DEMO))/tiny-model/image-model \
	$(abspath $(DEMO))/tiny-model/reference-model
	$(PY) main.py render $(DEMO)/film/example.reel -o $(DEMO)/example.mp4 --model $(DEMO)/tiny-model
	@echo "The film: $(DEMO)/example.mp4"

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m mypy

# The whole suite over every core; a file's tests stay on one worker (the farm's one Ray cluster).
test: setup-farm lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto --dist loadfile

# Everything but the slow, farm and soak tests, over every core (pytest-xdist), for every change.
test-fast: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto -m "not slow and not farm and not soak"

run: setup
	$(PY) main.py

# docs/cli.md from the parser itself: the flags' own help, so the page never lags the code.
docs: setup
	$(PY) -m app.cli.cli_reference docs/cli.md

screenshot: setup
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_screenshot.py --lang en zh_CN
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_continuity_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_cast_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_directing_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_storyboard_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_review_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_finishing_screenshots.py
	$(PY) docs/make_finishing_pictures.py

# ui/'s strings into resources/i18n/*.ts (pyside6-lupdate), compiled into *.qm (pyside6-lrelease);
# idempotent, and lists what is left to translate. See docs/i18n.md.
translations: setup
	$(PY) resources/i18n/translations.py

bench: setup-farm
	$(PY) bench/engine_overhead.py
	$(PY) bench/render_scaling.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/ui_responsiveness.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/keyframe_strip.py
	$(PY) bench/remote_parallel.py
	$(PY) bench/farm_scaling.py
	command -v ffmpeg >/dev/null 2>&1 || { apt-get update && apt-get install -y ffmpeg; }
	$(PY) bench/export_throughput.py
	$(PY) bench/fuzz_inputs.py
	$(PY) bench/kill_saves.py
	$(PY) bench/speed_levers.py
	$(PY) bench/gpu_speed.py --smoke

clean:
	rm -rf build .pytest_cache .ruff_cache
