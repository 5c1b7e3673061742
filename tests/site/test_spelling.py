"""The lessons, the glossary and the README are spelled correctly (codespell, configured in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_codespell_finds_no_misspelling():
    codespell = Path(sys.executable).parent / "codespell"
    result = subprocess.run([str(codespell), "docs", "includes", "README.md"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
