"""Style kept by tools: ruff lints and formats the Python, Biome the page scripts and styles (pinned in
requirements-dev.txt and package.json; configured in pyproject.toml and biome.json). A failure prints what to fix;
`.venv/bin/ruff format . && .venv/bin/ruff check --fix .` and `node_modules/.bin/biome check --write .` fix most."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUFF = [sys.executable, "-m", "ruff"]
BIOME = [str(ROOT / "node_modules" / ".bin" / "biome")]


def run(command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_python_passes_ruffs_lint():
    done = run(RUFF + ["check", "--no-cache", "."])
    assert done.returncode == 0, done.stdout + done.stderr


def test_python_is_formatted_as_ruff_formats_it():
    done = run(RUFF + ["format", "--check", "--no-cache", "."])
    assert done.returncode == 0, done.stdout + done.stderr


def test_page_scripts_and_styles_pass_biomes_lint_and_format():
    done = run(BIOME + ["ci", "--colors=off", "."])
    assert done.returncode == 0, done.stdout + done.stderr
