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


def test_ruff_reads_the_site_tests_but_not_a_built_site():
    """The exclusion of the built site (`/site`) is anchored at the root: `tests/site/` is linted and formatted."""
    done = run(RUFF + ["check", "--no-cache", "--show-files", "."])
    files = {Path(line).resolve().relative_to(ROOT).as_posix() for line in done.stdout.splitlines() if line.strip()}
    assert "tests/site/test_style.py" in files
    assert not any(name.startswith("site/") for name in files)
