"""Every page in every language, and every widget string in every language's catalogue.

A page not translated yet must be declared in i18n/untranslated.yml (it is then built from English with a notice in
the reader's language); the list may only shrink: a listed page that has been translated fails too. When the list is
empty, every page exists in every language.
"""

import pytest
import yaml
from mkdocs.exceptions import PluginError
from translations import LANGUAGES, ROOT, sources, translation, untranslated, words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_translated_or_declared_as_waiting(lang):
    waiting = untranslated()[lang]
    missing = [source for source in sources() if not translation(source, lang).exists()]
    undeclared = sorted(set(missing) - set(waiting))
    assert not undeclared, f"pages with no {lang} translation (translate them, or list them in i18n/untranslated.yml)"
    done = sorted(set(waiting) - set(missing))
    assert not done, f"translated into {lang}, so take them off i18n/untranslated.yml: {done}"
    unknown = sorted(set(waiting) - set(sources()))
    assert not unknown, f"i18n/untranslated.yml lists pages docs/ does not have: {unknown}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_widget_string_has_a_translation_and_every_entry_is_used(lang):
    assert words.missing(lang) == [], f"i18n/{lang}.yml lacks these keys (English text as written in the code)"
    stale = sorted(set(words.catalogue(lang)) - words.needed())
    assert not stale, f"i18n/{lang}.yml has entries no source uses any more: {stale}"


def test_translations_keep_their_placeholders():
    """ "Done in {seconds} s." must keep {seconds}: the page and Python fill it in."""
    import re

    for lang in LANGUAGES:
        for english, said in words.catalogue(lang).items():
            assert sorted(re.findall(r"\{[^}]*\}", english)) == sorted(re.findall(r"\{[^}]*\}", said)), (lang, english)


def test_a_missing_key_stops_the_build(monkeypatch):
    table = dict(words.catalogue("es"))
    del table["▶ Run"]
    monkeypatch.setattr(words, "catalogue", lambda lang: table if lang == "es" else {"▶ Run": "x"})
    with pytest.raises(PluginError, match="▶ Run"):
        words.on_config(config=None)


def test_the_catalogue_keys_are_found_in_page_scripts_python_labs_and_hooks():
    """The key finder sees each kind of source (so a new string in any of them is checked)."""
    page = words.page_keys()
    assert "▶ Run" in page  # web/src/cell.js: t("▶ Run")
    assert any(key.startswith("input() cannot read") for key in page)  # pycode/knobs_lab/runner.py: say(…)
    assert "Knobs of a line" in words.lab_keys()  # a lab's LAYOUT
    assert "Try this" in words.build_keys()  # overrides/hooks/labs.py: phrase(…)
    assert "Switch to dark mode" in words.build_keys()  # mkdocs.yml: the palette toggle


def test_every_navigation_title_is_translated():
    """Every title of mkdocs.yml's nav has a translation in each language's nav_translations."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=words._Loader)

    def titles(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    yield title
                    if isinstance(value, list):
                        yield from titles(value)

    languages = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    for language in languages["languages"]:
        if language["locale"] in LANGUAGES:
            missing = sorted(set(titles(config["nav"])) - set(language["nav_translations"]))
            assert not missing, f"{language['locale']}: no nav_translations for {missing}"
