"""MkDocs hook: turn each ```lab block of a page into the lab's HTML, before Markdown runs.

An author writes

    ```lab
    lab: line              # one of the names in knobs_lab.lab_settings.LAB_MODULES
    settings:              # optional starting settings, checked against that lab's SETTINGS
      weight: 150
    ```

and the page gets a `<div class="knobs-lab" data-lab="line" …>` holding the real controls: one labelled slider
(or menu) per setting with its value shown beside it, the lab's buttons, its read-outs, its chart areas and a
status line. They are all there before any script runs, disabled with the reason given, until Python is ready;
`web/src/labs/` brings them to life. The settings (names, ranges, kinds) come from the lab's bridge module in
`pycode/knobs_lab/`, the same list the worker uses to check what the page sends.

A block that names an unknown lab, an unknown setting or a value out of range fails the build with the file and line.
"""

import html
import importlib
import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

import fences  # a sibling: MkDocs puts this folder on sys.path while it loads a hook

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "pycode") not in sys.path:
    sys.path.insert(0, str(ROOT / "pycode"))

from knobs_lab import lab_settings  # noqa: E402  (needs the path above)

WAITING = "Starting Python… the lab wakes up when it is ready."
INACTIVE = "Waiting for Python to start"
SHARE = {"share": "Link to these settings"}  # every lab: a link that reopens it as the reader set it
# Button icons from the theme's own icon set (Material Design Icons, shipped with mkdocs-material), drawn inline:
# an emoji such as 🔗 shows as an empty box where the reader's system has no emoji font.
ICONS = {"share": "link-variant"}


def _icon(action):
    """The inline SVG of a button's icon, hidden from screen readers (the button's text names it)."""
    if action not in ICONS:
        return ""
    import material  # the theme package: its icons live in templates/.icons/material/

    svg = (Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{ICONS[action]}.svg").read_text()
    return svg.replace("<svg ", '<svg class="knobs-icon" aria-hidden="true" focusable="false" ', 1)

# What each lab shows besides its settings: title, buttons (action → label), read-outs (name → label) and charts
# (name → accessible description). The page script finds each by its data attribute.
LAYOUTS = {
    "line": {
        "title": "Knobs of a line",
        "intro": "Drag w and b. The line, the misses (dashed) and the loss follow.",
        "buttons": {"train": "Let training turn the knobs", "reset": "Reset"},
        "readouts": {"loss": "Loss (mean squared error, $²)", "typical_error": "Typical miss (√loss)"},
        "charts": {"plot": "House prices against size, with the line and each house's miss"},
    },
    "dynamics": {
        "title": "Training dynamics",
        "intro": "Pick a learning rate, a number of steps and a batch size; watch the loss over the steps.",
        "buttons": {"replay": "Replay (same seed)", "reset": "Reset"},
        "readouts": {"final_loss": "Loss after training", "weight": "Weight w", "bias": "Bias b",
                     "verdict": "What happened"},
        "charts": {"loss": "Training loss after each step (log scale)"},
    },
    "generalisation": {
        "title": "See how models learn",
        "intro": "More degree means more knobs. Watch the validation loss: where it turns up, overfitting begins.",
        "buttons": {"reset": "Reset"},
        "readouts": {"train_loss": "Training loss", "validation_loss": "Validation loss",
                     "best_degree": "Best degree on validation"},
        "charts": {"fit": "The data (training and validation points) and the fitted polynomial",
                   "losses": "Training and validation loss for each degree (log scale)"},
    },
    "network": {
        "title": "Build a neural network",
        "intro": "Choose data, shape and training knobs, then press Play. "
                 "The background shows what the network predicts at each place.",
        "buttons": {"play": "▶ Play", "step": "One step", "reset": "↺ Reset"},
        "readouts": {"epoch": "Steps", "parameters": "Parameters", "train_loss": "Training loss",
                     "test_loss": "Test loss", "test_accuracy": "Test accuracy"},
        "charts": {"boundary": "The decision boundary: the network's prediction over the plane, with the points",
                   "losses": "Training and test loss over the steps"},
    },
    "language": {
        "title": "A tiny language model",
        "intro": "Train a model on the course's small text, type a prompt, then see its guesses and let it write.",
        "buttons": {"train": "Train", "generate": "Generate", "reset": "Reset"},
        "readouts": {"parameters": "Parameters", "train_loss": "Loss (nats per character)",
                     "checksum_before": "Weights checksum before writing", "checksum_after": "… after writing"},
        "charts": {"bars": "The chance of each next character after the prompt", "text": "Generated text"},
    },
    "finetune": {
        "title": "Fine-tuning",
        "intro": "Pretrain on moons, then the world shifts: fine-tune on a few new examples.",
        "buttons": {"pretrain": "1. Pretrain", "finetune": "2. Fine-tune", "reset": "Reset"},
        "readouts": {"trainable": "Trainable parameters", "frozen": "Frozen parameters",
                     "accuracy_before": "New-world accuracy before", "accuracy_after": "… after fine-tuning"},
        "charts": {"boundary": "The model's prediction over the plane, with the new world's points"},
    },
}


def _settings_module(name):
    return importlib.import_module(f"knobs_lab.{lab_settings.LAB_MODULES[name]}")


def _attr(value):
    return html.escape(value, quote=True)


def _control(lab_id, setting, value):
    """One labelled control with its value shown beside it."""
    control_id = f"knobs-lab-{lab_id}-{setting.name}"
    label = f'<label for="{control_id}">{html.escape(setting.label)}</label>'
    common = f'id="{control_id}" name="{setting.name}" disabled title="{INACTIVE}"'
    help_text = f'<span class="knobs-lab__help">{html.escape(setting.help)}</span>' if setting.help else ""
    if setting.kind in ("number", "integer", "log"):
        if setting.kind == "log":  # the slider moves over the power of ten
            low, high, step = f"{_log10(setting.minimum):g}", f"{_log10(setting.maximum):g}", "0.05"
            position = f"{_log10(value):g}"
        else:
            low, high, step, position = f"{setting.minimum:g}", f"{setting.maximum:g}", f"{setting.step or 1:g}", f"{value:g}"
        gap = "" if setting.unit.startswith(("°", "%")) else " "  # 35°, 10%; but 100 $ per sq ft (as common.js)
        shown = f"{value:g}{gap}{setting.unit}".strip()
        field = (f'<input type="range" {common} min="{low}" max="{high}" step="{step}" value="{position}" '
                 f'aria-valuetext="{_attr(shown)}">'
                 f'<output for="{control_id}" class="knobs-lab__value">{html.escape(shown)}</output>')
    elif setting.kind == "choice":
        options = "".join(
            f'<option value="{_attr(str(option))}"{" selected" if option == value else ""}>{html.escape(text)}</option>'
            for option, text in setting.choices)
        field = f"<select {common}>{options}</select>"
    elif setting.kind == "layers":
        sizes = ", ".join(str(size) for size in value) or "none"
        field = (f'<span class="knobs-lab__layers" id="{control_id}" data-layers="{_attr(json.dumps(value))}">'
                 f'<output class="knobs-lab__value">{html.escape(sizes)}</output> '
                 f'<button type="button" class="knobs-button" data-layer-action="add" disabled title="{INACTIVE}">'
                 f'+ layer</button> '
                 f'<button type="button" class="knobs-button" data-layer-action="remove" disabled title="{INACTIVE}">'
                 f'− layer</button></span>')
        label = f'<span class="knobs-lab__label" id="{control_id}-label">{html.escape(setting.label)}</span>'
    else:
        maximum = f' maxlength="{int(setting.maximum)}"' if setting.maximum else ""
        field = f'<input type="text" {common} value="{_attr(value)}"{maximum} spellcheck="false" autocomplete="off">'
    return (f'<div class="knobs-lab__control knobs-lab__control--{setting.kind}" data-setting="{setting.name}">'
            f"{label}{field}{help_text}</div>")


def _log10(value):
    import math
    return round(math.log10(value), 4)


def render(name, settings, lab_id):
    """The HTML of one lab: settings → controls, plus the lab's buttons, read-outs, charts and status."""
    module = _settings_module(name)
    layout = LAYOUTS[name]
    values, _ = lab_settings.clamp(module.SETTINGS, settings)
    spec = [setting.as_plain() for setting in module.SETTINGS]
    controls = "".join(_control(lab_id, setting, values[setting.name]) for setting in module.SETTINGS)
    buttons = "".join(
        f'<button type="button" class="knobs-button" data-action="{action}" disabled title="{INACTIVE}">'
        f"{_icon(action)}{html.escape(text)}</button>" for action, text in {**layout["buttons"], **SHARE}.items())
    readouts = "".join(
        f'<div class="knobs-lab__readout"><dt>{html.escape(text)}</dt>'
        f'<dd><output data-out="{out}">–</output></dd></div>' for out, text in layout["readouts"].items())
    charts = "".join(
        f'<figure class="knobs-lab__chart knobs-lab__chart--{chart}" data-chart="{chart}">'
        f'<figcaption>{html.escape(text)}</figcaption></figure>' for chart, text in layout["charts"].items())
    return (
        f'<div class="knobs-lab" data-lab="{name}" data-lab-id="{lab_id}" '
        f"data-settings='{_attr(json.dumps(settings or {}))}' data-spec='{_attr(json.dumps(spec))}' "
        f'role="group" aria-labelledby="knobs-lab-{lab_id}-title">'
        f'<p class="knobs-lab__title" id="knobs-lab-{lab_id}-title"><strong>Lab: {html.escape(layout["title"])}</strong>'
        f' <span class="knobs-lab__intro">{html.escape(layout["intro"])}</span></p>'
        f'<div class="knobs-lab__controls">{controls}</div>'
        f'<div class="knobs-lab__buttons">{buttons}</div>'
        f'<p class="knobs-lab__notice" role="alert" hidden></p>'
        f'<dl class="knobs-lab__readouts">{readouts}</dl>'
        f'<div class="knobs-lab__charts">{charts}</div>'
        f'<p class="knobs-lab__status" role="status" aria-live="polite">{WAITING}</p>'
        f"</div>"
    )


def _parse(fence, where):
    """The block's YAML → (lab name, settings); a PluginError says what is wrong and where."""
    try:
        block = fence.yaml()
    except fences.BlockError as error:
        raise PluginError(f"{where}: lab block is not valid YAML (line {error.line}: {error.problem})") from None
    if not isinstance(block, dict) or "lab" not in block:
        raise PluginError(f"{where}: lab block needs `lab: NAME`, one of {', '.join(lab_settings.LAB_MODULES)}")
    unknown = sorted(set(block) - {"lab", "settings"})
    if unknown:
        raise PluginError(f"{where}: lab block has unknown keys {unknown}; use `lab:` and `settings:`")
    name = block["lab"]
    if name not in lab_settings.LAB_MODULES:
        raise PluginError(f"{where}: unknown lab {name!r}; choose one of {', '.join(lab_settings.LAB_MODULES)}")
    settings = block.get("settings") or {}
    if not isinstance(settings, dict):
        raise PluginError(f"{where}: lab {name!r}: `settings:` must be a mapping of name: value")
    try:
        lab_settings.check_strict(_settings_module(name).SETTINGS, settings)
    except (ValueError, TypeError) as error:
        raise PluginError(f"{where}: lab {name!r}: {error}") from None
    return name, settings


def replace_lab_blocks(markdown, source):
    """Replace every ```lab fence (outside other fences) with the lab's HTML; `source` names the file in errors."""
    used = {}

    def lab_html(fence):
        name, settings = _parse(fence, f"{source}:{fence.line}")
        used[name] = used.get(name, 0) + 1
        return render(name, settings, name if used[name] == 1 else f"{name}-{used[name]}")

    try:
        return fences.swap(markdown, {"lab"}, lab_html)
    except fences.BlockError as error:  # a block never closed
        raise PluginError(f"{source}:{error.line}: {error.problem}") from None


def on_page_markdown(markdown, page, config, files):
    if "lab" not in markdown:
        return markdown
    return replace_lab_blocks(markdown, f"docs/{page.file.src_uri}")
