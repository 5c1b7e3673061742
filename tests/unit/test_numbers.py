"""How the page reads the numbers readers type and writes numbers for them, in the page's language: one module
(web/src/numbers.js), one table of cases (typed_numbers.json), checked here in node against the page's own code."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((Path(__file__).with_name("typed_numbers.json")).read_text(encoding="utf-8"))
RUN = """
import * as numbers from "%s";
const cases = JSON.parse(process.argv[1]);
const answers = {
  read: cases.read.map(([text, locale]) => numbers.readNumber(text, locale)),
  number_in: cases.number_in.map(([text, locale]) => numbers.numberIn(text, locale)),
  write: cases.write.map(([value, digits, locale]) => numbers.writeNumber(value, digits, locale)),
};
console.log(JSON.stringify(answers));
"""


@pytest.fixture(scope="module")
def answers():
    script = RUN % (ROOT / "web" / "src" / "numbers.js").as_uri()
    done = subprocess.run(
        ["node", "--no-warnings", "--input-type=module", "-e", script, json.dumps(CASES)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("index", range(len(CASES["read"])), ids=[f"{t!r}-{loc}" for t, loc, _ in CASES["read"]])
def test_a_typed_number_is_read_in_the_pages_convention(answers, index):
    text, locale, value = CASES["read"][index]
    assert answers["read"][index] == value, f"{text!r} in {locale}"


@pytest.mark.parametrize("index", range(len(CASES["number_in"])))
def test_the_one_number_of_a_guess_is_found(answers, index):
    text, locale, value = CASES["number_in"][index]
    assert answers["number_in"][index] == value, f"{text!r} in {locale}"


@pytest.mark.parametrize("index", range(len(CASES["write"])), ids=[f"{v}-{loc}" for v, _, loc, _ in CASES["write"]])
def test_a_number_is_written_in_the_pages_convention(answers, index):
    value, digits, locale, text = CASES["write"][index]
    assert answers["write"][index] == text, f"{value} in {locale}"


def test_every_language_of_the_site_declares_a_number_locale_node_knows():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    locales = {language["locale"]: language["extra"]["number_locale"] for language in i18n["languages"]}
    assert locales == {"en": "en-US", "es": "es-419", "pt": "pt-BR"}
    assert {locale for _, locale, _ in CASES["read"]} == set(locales.values())
