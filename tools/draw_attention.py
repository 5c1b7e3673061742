"""Draw lesson 7's attention heat map from the course's pretrained transformer.

    python tools/draw_attention.py        # writes docs/assets/figures/attention.svg (and .es.svg, .pt.svg)

The prompt states one fact and asks about it. The figure shows the attention
weights of the head that, at the last word, looks hardest at the city: one
row per word being read, one column per word it may look at (only earlier
ones: the future is masked), darker where the weight is larger. Everything in
it is computed from the shipped weights, so it changes when they do; a test
checks that the committed files are what this script writes. Its title and its
description for screen readers are said in each language of the site, from the
widget catalogues (i18n/<lang>.yml; the build finds the keys marked phrase()).
"""

import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pycode"))
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

from words import TRANSLATED, phrase, translate  # noqa: E402

from knobs.prompting import pretrained  # noqa: E402  (needs the paths above)

FIGURES = ROOT / "docs" / "assets" / "figures"
TITLE = phrase("Where block {block}, head {head} looks while reading a fact and a question")
DESCRIPTION = phrase(
    "Attention heat map of the course's transformer reading '{prompt}'. One row per word being read, one column per "
    "earlier word it may look at; darker squares carry more weight, and the upper-right half is empty because no "
    "word sees the future. In block {block}, head {head}, the last word, '{last}', gives about {share} in 100 of its "
    "attention to '{city}', {back} words back, and the model answers '{answer}'."
)
NAME, CITY = "ana", "lima"
PROMPT = f"{NAME} lives in {CITY} . question : where does {NAME} live ? answer : {NAME} lives in"
CELL = 22  # px per square
LEFT, TOP = 110, 100  # room for the row labels on the left, the column labels above


def strongest_head(attention, column):
    """(block, head) whose last row gives the most weight to token `column`."""
    pairs = [(b, h) for b, block in enumerate(attention["weights"]) for h in range(len(block))]
    return max(pairs, key=lambda pair: attention["weights"][pair[0]][pair[1]][-1][column])


def label(token):
    return "⏎" if token == "\n" else token


def figure(lang="en"):
    """The file of the figure in `lang`: attention.svg in English, attention.es.svg in Spanish."""
    return FIGURES / ("attention.svg" if lang == "en" else f"attention.{lang}.svg")


def render(model=None, lang="en"):
    """The SVG text of the heat map, its words in `lang`."""
    model = model or pretrained()
    attention = model.attention_weights(PROMPT)
    tokens = attention["tokens"]
    column = tokens.index(CITY)
    block, head = strongest_head(attention, column)
    weights = attention["weights"][block][head]  # (T, T): row t, the weights it gives to tokens 0 … t
    answer = model.answer(PROMPT)
    share = round(100 * weights[-1][column])
    size = len(tokens) * CELL
    width, height = LEFT + size + 20, TOP + size + 20
    names = {"block": block + 1, "head": head + 1}
    description = translate(DESCRIPTION, lang).format(
        prompt=PROMPT, last=tokens[-1], share=share, city=CITY, back=len(tokens) - 1 - column, answer=answer, **names
    )
    title = translate(TITLE, lang).format(**names)
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(description, {chr(34): "&quot;"})}" font-size="12" fill="currentColor" '
        f'stroke="currentColor" data-block="{block + 1}" data-head="{head + 1}">',
        f"  <title>{escape(title)}</title>",
    ]
    for s, token in enumerate(tokens):  # column labels, written upwards
        x, y = LEFT + s * CELL + CELL / 2 + 4, TOP - 6
        lines.append(
            f'  <text x="{x:g}" y="{y}" transform="rotate(-60 {x:g} {y})" stroke="none">{escape(label(token))}</text>'
        )
    for t, token in enumerate(tokens):  # row labels
        lines.append(
            f'  <text x="{LEFT - 6}" y="{TOP + t * CELL + CELL / 2 + 4:g}" text-anchor="end" stroke="none">'
            f"{escape(label(token))}</text>"
        )
    lines.append('  <g stroke="none">')
    for t, row in enumerate(weights):
        for s in range(t + 1):
            lines.append(
                f'    <rect x="{LEFT + s * CELL}" y="{TOP + t * CELL}" width="{CELL - 2}" height="{CELL - 2}" '
                f'fill-opacity="{max(0.03, round(row[s], 2)):.2f}" data-weight="{row[s]:.3f}"/>'
            )
    lines.append("  </g>")
    x, y = LEFT + column * CELL - 1, TOP + (len(tokens) - 1) * CELL - 1  # outline the square the caption names
    lines.append(f'  <rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="none" stroke-width="2"/>')
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    model = pretrained()
    for lang in ("en", *TRANSLATED):
        figure(lang).write_text(render(model, lang), encoding="utf-8")
        print(f"wrote {figure(lang).relative_to(ROOT)}")
