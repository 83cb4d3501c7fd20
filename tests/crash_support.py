"""A child process that saves a project in a loop, to be killed mid-save (tests and bench/kill_saves.py)."""

# Format with root=the checkout; argv[1] is the project. It prints "ready" once loaded.
KILL_SAVES = """
import sys
sys.path.insert(0, {root!r})
from app.project.reel_file import load_project, save_project
project = load_project(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    n += 1
    project.update_settings(name=f"save {{n}}")
    save_project(project)
"""
