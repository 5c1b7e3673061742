"""MkDocs hook: turn each ```lab block of a page into the lab's HTML, before Markdown runs.

An author writes

    ```lab
    lab: line              # a lab: pycode/knobs_lab/line_lab.py (its SETTINGS and LAYOUT) + web/src/labs/line.js
    settings:              # optional starting settings, checked against that lab's SETTINGS
      weight: 150
    ```

and the page gets a `<div class="knobs-lab" data-lab="line" …>` holding the real controls: one labelled slider
(or menu) per setting with its value shown beside it, the lab's buttons, its read-outs, its chart areas and a
status line. They are all there before any script runs, disabled with the reason given, until Python is ready;
this hook writes every control's markup (a `<template>` for rows the reader adds, such as network layers) and
`web/src/labs/` only binds, formats and draws. The settings and the layout come from the lab's bridge module in
`pycode/knobs_lab/` (`SETTINGS`, the same list the worker uses to check what the page sends, and `LAYOUT`).

A block that names an unknown lab, an unknown setting or a value out of range fails the build with the file and line.
"""

import html
import json
import sys
from pathlib import Path

import fences  # a sibling: MkDocs puts this folder on sys.path while it loads a hook
import outcomes  # a sibling too
from languages import page_key  # a sibling: ticks are kept per page, whatever the language
from markup import fingerprint  # a sibling too
from mkdocs.exceptions import PluginError
from words import language, phrase, translate  # a sibling: the catalogues of i18n/

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "pycode") not in sys.path:
    sys.path.insert(0, str(ROOT / "pycode"))

from knobs_lab import lab_settings  # noqa: E402  (needs the path above)

WAITING = phrase("Starting Python… the lab wakes up when it is ready.")
INACTIVE = phrase("Waiting for Python to start")
SHARE = {"share": phrase("Link to these settings")}
NOT_YET = phrase("(not yet)")  # a task the reader has not met
TRY_THIS = phrase("Try this")  # the heading of a lab's tasks
LAB_TITLE = phrase("Lab: {title}")  # every lab: a link that reopens it as the reader set it
# Button icons from the theme's own icon set (Material Design Icons, shipped with mkdocs-material), drawn inline:
# an emoji such as 🔗 shows as an empty box where the reader's system has no emoji font.
ICONS = {"share": "link-variant"}
LABS = lab_settings.bridges()  # lab name → its bridge module (knobs_lab/<name>_lab.py)
_language = "en"  # the language of the page being rendered (set by on_page_markdown)


def _t(text):
    """`text` (a lab's English text, a catalogue key) in the language of the page being rendered."""
    return translate(text, _language)


def _icon(action):
    """The inline SVG of a button's icon, hidden from screen readers (the button's text names it)."""
    if action not in ICONS:
        return ""
    import material  # the theme package: its icons live in templates/.icons/material/

    svg = (Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{ICONS[action]}.svg").read_text()
    return svg.replace("<svg ", '<svg class="knobs-icon" aria-hidden="true" focusable="false" ', 1)


def _attr(value):
    return html.escape(value, quote=True)


def _control(lab_id, setting, value):
    """One labelled control with its value shown beside it."""
    control_id = f"knobs-lab-{lab_id}-{setting.name}"
    label = f'<label for="{control_id}">{html.escape(_t(setting.label))}</label>'
    common = f'id="{control_id}" name="{setting.name}" disabled title="{_t(INACTIVE)}"'
    help_text = f'<span class="knobs-lab__help">{html.escape(_t(setting.help))}</span>' if setting.help else ""
    if setting.kind in ("number", "integer", "log"):
        low, high, step, position = setting.slider(value)
        shown = setting.shown(value, _t)  # as written; the page script shows it formatted once it runs
        field = (
            f'<input type="range" {common} min="{low:g}" max="{high:g}" step="{step:g}" value="{position:g}" '
            f'aria-valuetext="{_attr(shown)}">'
            f'<output for="{control_id}" class="knobs-lab__value">{html.escape(shown)}</output>'
        )
    elif setting.kind == "choice":
        options = "".join(
            f'<option value="{_attr(str(option))}"{" selected" if option == value else ""}>{html.escape(text if str(option) == text else _t(text))}</option>'
            for option, text in setting.choices
        )
        field = f"<select {common}>{options}</select>"
    elif setting.kind == "layers":
        field = _layers(control_id, value)
        label = f'<span class="knobs-lab__label" id="{control_id}-label">{html.escape(_t(setting.label))}</span>'
    else:
        maximum = f' maxlength="{int(setting.maximum)}"' if setting.maximum else ""
        field = f'<input type="text" {common} value="{_attr(value)}"{maximum} spellcheck="false" autocomplete="off">'
    return (
        f'<div class="knobs-lab__control knobs-lab__control--{setting.kind}" data-setting="{setting.name}">'
        f"{label}{field}{help_text}</div>"
    )


def _button(text, **attributes):
    """A lab button, inactive until Python is ready; `layer_action="add"` becomes `data-layer-action="add"`."""
    written = "".join(
        f' {"" if name.startswith("aria") else "data-"}{name.replace("_", "-")}="{_attr(value)}"'
        for name, value in attributes.items()
    )
    return f'<button type="button" class="knobs-button"{written} disabled title="{_t(INACTIVE)}">{text}</button>'


def _layers(control_id, sizes):
    """Hidden-layer sizes: one row per layer (the script adds rows from the <template>), and add/remove buttons."""
    row = (
        '<span class="knobs-lab__layer" role="group" aria-label="'
        + _t(phrase("Hidden layer {n}"))
        + '">'
        + _button("−", layer_action="fewer", aria_label=_t(phrase("Fewer neurons in layer {n}")))
        + '<output class="knobs-lab__value" aria-live="polite">{size}</output>'
        + _button("+", layer_action="more", aria_label=_t(phrase("More neurons in layer {n}")))
        + "</span>"
    )
    rows = "".join(row.format(n=n, size=size) for n, size in enumerate(sizes, 1))
    return (
        f'<span class="knobs-lab__layers" id="{control_id}">'
        f'<span class="knobs-lab__layer-list">{rows}<em data-layers-none{"" if not sizes else " hidden"}>'
        f"{_t(phrase('no hidden layer'))}</em></span><template>{row.format(n='{n}', size='')}</template>"
        f"{_button(_t(phrase('+ layer')), layer_action='add')} {_button(_t(phrase('− layer')), layer_action='remove')}</span>"
    )


def task_keys(module, lab_id):
    """The score keys of the lab's tasks: a met task counts in the page's score like a solved exercise. The page
    saves a tick under the same key (web/src/labs/lab.js, taskKey)."""
    return [f"lab-{lab_id}.{task.id}:{fingerprint(task.as_plain())}" for task in getattr(module, "TASKS", ())]


def _tasks(module, lab_id):
    """The lab's tasks (its bridge's TASKS), each with a tick the page sets when Python says it is met."""
    tasks = getattr(module, "TASKS", ())
    if not tasks:
        return ""
    rows = "".join(
        f'<li class="knobs-lab__task" data-task="{_attr(task.id)}" data-fp="{fingerprint(task.as_plain())}">'
        f'<span class="knobs-lab__tick" aria-hidden="true">○</span> {html.escape(_t(task.text))} '
        f'<span class="knobs-lab__task-state">{_t(NOT_YET)}</span></li>'
        for task in tasks
    )
    keys = " ".join(task_keys(module, lab_id))
    return (
        f'<div class="knobs-lab__tasks" data-questions="{keys}">'
        f'<p class="knobs-lab__tasks-head">{_t(TRY_THIS)}</p><ul>{rows}</ul></div>'
    )


def render(name, settings, lab_id, page_url=None):
    """The HTML of one lab: settings → controls, plus the lab's buttons, read-outs, charts, tasks and status."""
    module = LABS[name]
    layout = module.LAYOUT
    values, _ = lab_settings.clamp(module.SETTINGS, settings)
    spec = [setting.in_words(_t) for setting in module.SETTINGS]
    controls = "".join(_control(lab_id, setting, values[setting.name]) for setting in module.SETTINGS)
    buttons = "".join(
        _button(f"{_icon(action)}{html.escape(_t(text))}", action=action)
        for action, text in {**layout.buttons, **SHARE}.items()
    )
    readouts = "".join(
        f'<div class="knobs-lab__readout"><dt>{html.escape(_t(text))}</dt>'
        f'<dd><output data-out="{out}">–</output></dd></div>'
        for out, text in layout.readouts.items()
    )
    charts = "".join(
        f'<figure class="knobs-lab__chart knobs-lab__chart--{chart}" data-chart="{chart}">'
        f"<figcaption>{html.escape(_t(text))}</figcaption></figure>"
        for chart, text in layout.charts.items()
    )
    lesson = "" if page_url is None else f'data-knobs-lesson="{_attr(page_url)}" '  # where the ticks are saved
    return (
        f'<div class="knobs-lab" data-lab="{name}" data-lab-id="{lab_id}" '
        f"data-settings='{_attr(json.dumps(settings or {}))}' data-spec='{_attr(json.dumps(spec))}' "
        f"{lesson}"
        f'role="group" aria-labelledby="knobs-lab-{lab_id}-title">'
        f'<p class="knobs-lab__title" id="knobs-lab-{lab_id}-title"><strong>{html.escape(_t(LAB_TITLE).format(title=_t(layout.title)))}</strong>'
        f' <span class="knobs-lab__intro">{html.escape(_t(layout.intro))}</span></p>'
        f'<div class="knobs-lab__controls">{controls}</div>'
        f'<div class="knobs-lab__buttons">{buttons}</div>'
        f'<p class="knobs-lab__notice" role="alert" hidden></p>'
        f'<dl class="knobs-lab__readouts">{readouts}</dl>'
        f'<div class="knobs-lab__charts">{charts}</div>'
        f"{_tasks(module, lab_id)}"
        f'<p class="knobs-lab__status" role="status" aria-live="polite">{_t(WAITING)}</p>'
        f"</div>"
    )


def _parse(fence, where, stated=0):
    """The block's YAML → (lab name, settings); a PluginError says what is wrong and where."""
    try:
        block = fence.yaml()
    except fences.BlockError as error:
        raise PluginError(f"{where}: lab block is not valid YAML (line {error.line}: {error.problem})") from None
    if not isinstance(block, dict) or "lab" not in block:
        raise PluginError(f"{where}: lab block needs `lab: NAME`, one of {', '.join(LABS)}")
    unknown = sorted(set(block) - {"lab", "settings", "outcome"})
    if unknown:
        raise PluginError(f"{where}: lab block has unknown keys {unknown}; use `lab:`, `settings:` and `outcome:`")
    name = block["lab"]
    if name not in LABS:
        raise PluginError(f"{where}: unknown lab {name!r}; choose one of {', '.join(LABS)}")
    try:  # the lab's tasks are its scored items: `outcome` says which stated outcome they test
        if "outcome" in block and not getattr(LABS[name], "TASKS", ()):
            raise fences.BlockError(
                fences.line_of(block, "outcome"), f"lab {name!r} has no tasks, so it tests no outcome"
            )
        outcomes.need_outcome(block, stated, "the lab block")
    except fences.BlockError as error:
        raise PluginError(f"{where.rsplit(':', 1)[0]}:{error.line}: {error.problem}") from None
    settings = block.get("settings") or {}
    if not isinstance(settings, dict):
        raise PluginError(f"{where}: lab {name!r}: `settings:` must be a mapping of name: value")
    try:
        lab_settings.check_strict(LABS[name].SETTINGS, settings)
    except (ValueError, TypeError) as error:
        raise PluginError(f"{where}: lab {name!r}: {error}") from None
    return name, settings


def replace_lab_blocks(markdown, source, page_url=None):
    """Replace every ```lab fence (outside other fences) with the lab's HTML; `source` names the file in errors,
    `page_url` the page whose record keeps the reader's ticks."""
    used = {}
    stated = len(outcomes.stated(markdown))

    def lab_html(fence):
        name, settings = _parse(fence, f"{source}:{fence.line}", stated)
        used[name] = used.get(name, 0) + 1
        return render(name, settings, name if used[name] == 1 else f"{name}-{used[name]}", page_url)

    try:
        return fences.swap(markdown, {"lab"}, lab_html)
    except fences.BlockError as error:  # a block never closed
        raise PluginError(f"{source}:{error.line}: {error.problem}") from None


def on_page_markdown(markdown, page, config, files):
    global _language
    if "lab" not in markdown:
        return markdown
    _language = language(config)
    return replace_lab_blocks(markdown, f"docs/{page.file.src_uri}", page_key(page.url))
