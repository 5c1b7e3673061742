"""What a lab declares: its settings (a typed list of named properties, checked in one place) and its layout.

A lab is one bridge module of this package named ``<name>_lab`` (found by that name: see ``bridges``) beside one
page script ``web/src/labs/<name>.js``. The bridge declares ``SETTINGS``, a tuple of ``Setting``, and ``LAYOUT``,
a ``Layout`` (title, intro, buttons, read-outs, charts). The settings are used three times, so the three can never
disagree:
- at build time, the MkDocs hook ``overrides/hooks/labs.py`` checks an author's ``settings:`` against them (a wrong
  name or value fails the build) and writes one labelled control per setting, plus the layout's parts;
- in the page, the JavaScript reads them (as JSON in the lab's HTML) to round-trip the settings through the URL hash;
- in the worker, ``calls.call`` passes what the page sent through ``clamp`` before a bridge function sees it: a
  value out of range (say, from an edited link) is moved to the nearest allowed value and a notice says so, so the
  page can show it.

Kinds: "number" (a slider), "log" (a slider over powers of ten), "integer", "choice" (a menu),
"layers" (hidden-layer sizes such as [8, 8]) and "text".

A bridge may also declare ``TASKS``, a tuple of ``Task``: targets for the reader ("get the typical miss under
$25,000"). Each one judges an answer the bridge gave; ``calls.call`` adds the ids of the tasks met to every answer, so
the page ticks them without judging anything itself.
"""

import importlib
import math
import pkgutil
from dataclasses import dataclass, field
from numbers import Real

from .words import say

KINDS = ("number", "log", "integer", "choice", "layers", "text")
DECLARED = ("SETTINGS", "LAYOUT", "PAGE_CALLS")  # what every bridge module names


@dataclass(frozen=True)
class Setting:
    """One knob of a lab: its name, what the reader sees, and what values it allows.

    For "layers", ``minimum``/``maximum`` bound the neurons per layer and ``max_layers`` the number of layers.
    For "text", ``maximum`` is the longest allowed length.
    """

    name: str
    label: str
    kind: str
    default: object
    minimum: float = None
    maximum: float = None
    step: float = None
    choices: tuple = ()
    unit: str = ""
    max_layers: int = 0
    help: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind: unknown setting kind {self.kind!r}; choose one of {KINDS}")

    def as_plain(self):
        """The setting as plain data for the page."""
        plain = {"name": self.name, "label": self.label, "kind": self.kind, "default": self.default}
        for key in ("minimum", "maximum", "step", "prefix", "suffix", "max_layers", "help"):
            value = getattr(self, key)
            if value not in (None, "", 0) or (key in ("minimum", "maximum") and value == 0):
                plain[key] = value
        if self.choices:
            plain["choices"] = [list(choice) for choice in self.choices]
        return plain

    @property
    def prefix(self):
        """What goes before a value on the page: the dollar sign of a unit in dollars ($100 per sq ft)."""
        return "$" if self.unit.startswith("$") else ""

    @property
    def suffix(self):
        """What follows a value on the page: the unit after a space, but 35° and 10% without one, and a unit in
        dollars without its dollar sign (that goes before: see ``prefix``)."""
        unit = self.unit[len(self.prefix) :].strip()
        if not unit:
            return ""
        return unit if unit.startswith(("°", "%")) else f" {unit}"

    @property
    def unit_words(self):
        """The words of the unit, which a page says in its language ("per sq ft", "houses"); "" for a sign (°, %)."""
        words = self.suffix.strip()
        return words if any(character.isalpha() for character in words) else ""

    def suffix_in(self, translate):
        """The suffix with its unit's words said by `translate` (the page's language)."""
        return self.suffix.replace(self.unit_words, translate(self.unit_words)) if self.unit_words else self.suffix

    def in_words(self, translate):
        """The setting as `as_plain()` gives it, its unit's words said by `translate` (the page's language)."""
        plain = self.as_plain()
        if self.unit_words:
            plain["suffix"] = self.suffix_in(translate)
        return plain

    def shown(self, value, translate=str):
        """A number as its control first shows it, its unit's words said by `translate` (the page script then
        formats it: see format.js)."""
        sign = "-" if value < 0 else ""
        return f"{sign}{self.prefix}{abs(value):g}{self.suffix_in(translate)}"

    def slider(self, value):
        """The range slider of a number: (low, high, step, position). A "log" slider moves over the power of ten."""
        if self.kind == "log":
            return _log10(self.minimum), _log10(self.maximum), 0.05, _log10(value)
        return self.minimum, self.maximum, self.step or 1, value

    def choice_values(self):
        return [value for value, _label in self.choices]

    def check(self, value):
        """``(allowed value, notice or "")``: an out-of-range value is moved inside the range, with a notice.

        Raises ValueError for a value of the wrong type (a word where a number belongs): that cannot come from
        the lab's own controls and has no nearest allowed value.
        """
        if self.kind in ("number", "log", "integer"):
            if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
                raise ValueError(f"{self.name}: expected a number, got {value!r}")
            allowed = min(max(value, self.minimum), self.maximum)
            if self.kind == "integer":
                allowed = int(round(allowed))
            else:
                allowed = float(allowed)
            if allowed != value:
                return allowed, say(
                    "{label}: {value} is outside {minimum}–{maximum}; using {allowed}",
                    label=say(self.label),
                    value=f"{value:g}",
                    minimum=f"{self.minimum:g}",
                    maximum=f"{self.maximum:g}",
                    allowed=f"{allowed:g}",
                )
            return allowed, ""
        if self.kind == "choice":
            if value not in self.choice_values():
                options = ", ".join(str(option) for option in self.choice_values())
                return self.default, say(
                    "{label}: {value} is not one of {options}; using {default}",
                    label=say(self.label),
                    value=repr(value),
                    options=options,
                    default=self.default,
                )
            return value, ""
        if self.kind == "layers":
            if not isinstance(value, (list, tuple)) or not all(
                isinstance(size, Real) and not isinstance(size, bool) and math.isfinite(size) for size in value
            ):
                raise ValueError(f"{self.name}: expected a list of whole numbers, got {value!r}")
            notices = []
            sizes = [int(round(min(max(size, self.minimum), self.maximum))) for size in value]
            if sizes != list(value):
                notices.append(
                    say("neurons per layer must be {minimum}–{maximum}", minimum=self.minimum, maximum=self.maximum)
                )
            if len(sizes) > self.max_layers:
                sizes = sizes[: self.max_layers]
                notices.append(say("at most {count} hidden layers", count=self.max_layers))
            if notices:
                return sizes, say(
                    "{label}: {value} changed to {sizes} ({why})",
                    label=say(self.label),
                    value=list(value),
                    sizes=sizes,
                    why="; ".join(notices),
                )
            return sizes, ""
        if not isinstance(value, str):
            raise ValueError(f"{self.name}: expected text, got {value!r}")
        if self.maximum is not None and len(value) > self.maximum:
            return value[: int(self.maximum)], say(
                "{label}: cut to {count} characters", label=say(self.label), count=int(self.maximum)
            )
        return value, ""


def clamp(settings, given):
    """Check the page's settings against a lab's ``SETTINGS``.

    Returns ``(values, notices)``: values for every setting (defaults where ``given`` has none) and a list of
    plain-words notices for the values that were moved into range. An unknown name raises ValueError.
    """
    given = {} if given is None else given
    if not isinstance(given, dict):
        raise TypeError(f"settings: expected a dict, got {type(given).__name__}")
    by_name = {setting.name: setting for setting in settings}
    unknown = sorted(set(given) - set(by_name))
    if unknown:
        raise ValueError(f"settings: unknown {unknown}; this lab has {list(by_name)}")
    values, notices = {}, []
    for setting in settings:
        if setting.name in given:
            value, notice = setting.check(given[setting.name])
            if notice:
                notices.append(notice)
        else:
            value = setting.default
        values[setting.name] = list(value) if isinstance(value, (list, tuple)) else value
    return values, notices


def check_strict(settings, given):
    """For the build: like ``clamp`` but any value that would need moving is an error (authors fix their page)."""
    values, notices = clamp(settings, given)
    if notices:
        raise ValueError("; ".join(notices))
    return values


def _log10(value):
    return round(math.log10(value), 4)


@dataclass(frozen=True)
class Task:
    """A target in a lab: `met(answer, args)` says whether the answer a bridge function just gave (for the arguments
    the page sent) reaches it; an answer it cannot judge (another function's) is simply not a success."""

    id: str  # lowercase letters, digits and dashes: the reader's tick is saved under it
    text: str  # what the reader is asked to do
    met: object  # (answer dict, args dict) → bool

    def reached(self, answer, args):
        try:
            return bool(self.met(answer, args))
        except (KeyError, TypeError):
            return False

    def as_plain(self):
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True)
class Layout:
    """What a lab shows besides its controls. The page script finds each part by its name (a data attribute)."""

    title: str
    intro: str
    buttons: dict  # action → label (data-action)
    readouts: dict  # name → label (data-out)
    charts: dict  # name → what it shows, for readers who cannot see it (data-chart)


def bridges():
    """Every lab, found by convention: name → its bridge module ``knobs_lab.<name>_lab``, by name."""
    package = importlib.import_module(__package__)
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__) if info.name.endswith("_lab"))
    found = {name[: -len("_lab")]: importlib.import_module(f"{__package__}.{name}") for name in names}
    for module in found.values():
        missing = [name for name in DECLARED if not hasattr(module, name)]
        if missing:
            raise ValueError(f"{module.__name__}: a lab's bridge declares {', '.join(DECLARED)}; missing {missing}")
    return found
