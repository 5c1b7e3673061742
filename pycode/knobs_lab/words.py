"""What Python says to the reader in the page, in the page's language.

English is the text and the key: `say("input() cannot read …")`. The page hands its language's table over once, when
its Python worker starts (web/src/words.js → python.js → worker.js → `use`), built from the catalogue
`i18n/<lang>.yml`, and every later cell, check and lab speaks it (a page's language never changes: switching language
loads another page); natively, in tests and notebooks, nothing is handed over and Python speaks English. A key missing from a catalogue fails the site's build
(overrides/hooks/words.py finds every `say("…")` here), so a translation is never silently skipped.
"""

_table = {}  # English text → the page language's text


def use(table):
    """Speak the language of `table` ({English: translation}; empty for English) from now on."""
    global _table
    _table = dict(table or {})


def say(text, **values):
    """`text` in the current language, with its {placeholders} filled from `values`."""
    return _table.get(text, text).format(**values)


def reason(trainer):
    """Why `trainer`'s run ended ('' while it runs), in the current language: its REASONS template, translated."""
    from knobs.train import REASONS  # here, not at the top: the cell runner speaks through this module at start-up

    if trainer.why is None:
        return ""
    why, values = trainer.why
    return say(REASONS[why], **values)
