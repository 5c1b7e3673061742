"""MkDocs hook: every widget string in the page, in the page's language, from one catalogue per language.

English is the key: a string is written once, in English, where it is used — `t("▶ Run")` in a page script,
`say("input() cannot read …")` in Python that runs in the page (and a Trainer's REASONS), `phrase("Try this")` in a
hook, or a lab's SETTINGS, LAYOUT and TASKS — and `i18n/<lang>.yml` maps each such English text to its translation
(`{name}` placeholders are kept as they are). `needed()` finds every key by reading the sources, so nobody keeps a list by hand:

- the build stops with the list of missing keys if a catalogue lacks one (a widget never shows English in a
  Spanish page by accident), and tests/site/test_words.py says the same, plus keys no source uses any more;
- each page gets its language's entries for the page scripts and Python (`<script type="application/json"
  id="knobs-catalogue">`, read by web/src/words.js, which hands Python's to the worker); English pages carry none.
"""

import ast
import functools
import json
import re
import sys
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "i18n"
TRANSLATED = ("es", "pt")  # English needs no catalogue: its text is the key
TEMPLATE_CALL = re.compile(r"""\bknobs_say\(\s*(["'])(.*?)\1\s*\)""")  # {{ knobs_say("…") }} in overrides/
JS_CALL = re.compile(r"""\bt\(\s*"((?:[^"\\\n]|\\.)*)\"""")  # t("…") in web/src: double quotes, one literal
if str(ROOT / "pycode") not in sys.path:
    sys.path.insert(0, str(ROOT / "pycode"))


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags only need to be read, not resolved."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def phrase(text):
    """Mark `text` (a literal) as a catalogue key in a hook; returns it unchanged."""
    return text


def catalogue(lang):
    """The catalogue of `lang`: {English text: translation}."""
    if lang not in TRANSLATED:
        return {}
    path = CATALOGUES / f"{lang}.yml"
    return dict(_read_catalogue(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=len(TRANSLATED))
def _read_catalogue(path, modified):
    """The file read once per version (`modified`): hooks ask for a translation many times on every page."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


def translate(text, lang):
    """`text` in `lang`; a missing key is a build error (the check at start-up names them all first)."""
    if lang not in TRANSLATED:
        return text
    table = catalogue(lang)
    if text not in table:
        raise PluginError(f"i18n/{lang}.yml has no translation of {text!r}")
    return table[text]


def _literal_calls(path, names):
    """The literal first arguments of calls to any of `names` in the Python file `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in names and isinstance(node.args[0].value, str):
                found.append(node.args[0].value)
    return found


def page_keys():
    """Keys the page needs at run time: page scripts' t("…") and Python's say("…")."""
    keys = set()
    for path in sorted((ROOT / "web" / "src").rglob("*.js")):
        for literal in JS_CALL.findall(path.read_text(encoding="utf-8")):
            keys.add(json.loads(f'"{literal}"'))
    for path in sorted((ROOT / "pycode" / "knobs_lab").glob("*.py")):
        keys.update(_literal_calls(path, {"say"}))
    from knobs.train import REASONS  # why a training run ended: said through knobs_lab.words.reason

    keys.update(REASONS.values())
    return keys


def lab_keys():
    """The reader-facing text every lab declares: setting labels, help and choices; layout; tasks."""
    from knobs_lab import lab_settings

    keys = named_keys()
    for module in lab_settings.bridges().values():
        keys.update(setting.help for setting in module.SETTINGS if setting.help)
        keys.update(setting.unit_words for setting in module.SETTINGS if setting.unit_words)
        layout = module.LAYOUT
        keys.update(text for text in (layout.title, layout.intro) if text)
        for part in (layout.buttons, layout.readouts, layout.charts):
            keys.update(part.values())
        keys.update(task.text for task in getattr(module, "TASKS", ()))
    return keys


def build_keys():
    """Keys the hooks write into pages: phrase("…") and translate("…") in overrides/hooks/ (and in tools/, whose
    figures are drawn in every language), knobs_say("…") in the templates, and the names of the theme's palette toggles in mkdocs.yml
    (overrides/hooks/languages.py says them in the page's language)."""
    keys = set()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    keys.update(scheme["toggle"]["name"] for scheme in config["theme"]["palette"] if "toggle" in scheme)
    for path in sorted([*(ROOT / "overrides" / "hooks").glob("*.py"), *(ROOT / "tools").glob("*.py")]):
        keys.update(_literal_calls(path, {"phrase", "translate"}))
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        keys.update(text for _quote, text in TEMPLATE_CALL.findall(path.read_text(encoding="utf-8")))
    return keys


def needed():
    """Every key the site uses."""
    return page_keys() | lab_keys() | build_keys()


def missing(lang, keys=None):
    """Keys used by the site that `lang`'s catalogue lacks, sorted."""
    table = catalogue(lang)
    return sorted(key for key in (needed() if keys is None else keys) if key not in table)


_page_tables = {}  # lang → page_table(lang) for the build under way (emptied by on_config)


def page_table(lang):
    """The entries of `lang` that the page scripts and Python need (empty for English): their own keys, and the
    labs' setting labels and choices, which a lab's notices name (a setting's label, a strategy's name). Made once a
    build: finding the keys reads every page script and Python source."""
    if lang not in _page_tables:
        table = catalogue(lang)
        _page_tables[lang] = {key: table[key] for key in sorted(page_keys() | named_keys()) if key in table}
    return _page_tables[lang]


def named_keys():
    """The labs' setting labels and choice names: what a lab's notices and read-outs name in the page."""
    from knobs_lab import lab_settings

    keys = set()
    for module in lab_settings.bridges().values():
        for setting in module.SETTINGS:
            keys.update(text for text in (setting.label,) if text)
            keys.update(text for value, text in setting.choices if str(value) != text)  # else data: shown as is
    return keys


def on_config(config):
    _page_tables.clear()  # a rebuild (mkdocs serve) reads the sources again
    keys = needed()
    problems = [f"i18n/{lang}.yml lacks {len(gaps)}: {gaps}" for lang in TRANSLATED if (gaps := missing(lang, keys))]
    if problems:
        raise PluginError("widget strings without a translation:\n" + "\n".join(problems))
    return config


def language(config):
    """The language being built ("en", "es", "pt"): mkdocs-static-i18n builds one after another."""
    plugin = getattr(config, "plugins", {}).get("i18n")  # none: a site (or a test) without the i18n plugin
    return getattr(plugin, "current_language", None) or "en"


def on_page_context(context, page, config, nav):
    table = page_table(language(config))
    # "</" cannot end the script element early once escaped; JSON stays valid.
    context["knobs_words"] = json.dumps(table, ensure_ascii=False).replace("</", "<\\/") if table else ""
    lang = language(config)
    context["knobs_say"] = lambda text: translate(text, lang)  # a template's own words: {{ knobs_say("…") }}
    return context
