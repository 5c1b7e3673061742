"""The one reader of fenced blocks (overrides/hooks/fences.py) that the check, lab and lesson readers share: which
fences are blocks, what their body and kind are, the Markdown line of every YAML node, and swapping blocks for HTML."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from fences import BlockError, find_fences, line_of, swap  # noqa: E402  (the hooks' module, needs the path above)

PAGE = """\
# A page

````markdown
```quiz
not: [a block
```
````

1. A step

    ~~~flashcards
    cards:
      - {front: F, back: B}
    ~~~

``` { .python .run }
print(1)
```
"""


def test_a_fence_inside_a_longer_fence_is_body_text_and_indented_fences_lose_their_indent():
    markdown, cards, cell = find_fences(PAGE)
    assert (markdown.kind, markdown.line, markdown.last) == ("markdown", 3, 7)
    assert markdown.body == "```quiz\nnot: [a block\n```"
    assert (cards.kind, cards.line, cards.indent, cards.marker) == ("flashcards", 11, "    ", "~~~")
    assert cards.body == "cards:\n  - {front: F, back: B}"
    assert (cell.info, cell.kind, cell.body) == ("{ .python .run }", "python", "print(1)")


def test_an_unclosed_fence_runs_to_the_end_and_says_so():
    (fence,) = find_fences("text\n```quiz\nquestions: []\n")
    assert fence.last is None and fence.body == "questions: []\n"
    with pytest.raises(BlockError) as error:
        swap("text\n```quiz\nquestions: []\n", {"quiz"}, lambda fence: "<div></div>")
    assert (error.value.line, error.value.problem) == (2, "the ```quiz block is never closed")


def test_yaml_nodes_know_their_markdown_lines():
    (fence,) = find_fences("# Title\n\n```quiz\nid: one\nquestions:\n  - type: single\n  - just text\n```\n")
    data = fence.yaml()
    assert data == {"id": "one", "questions": [{"type": "single"}, "just text"]}
    assert (line_of(data), line_of(data, "id"), line_of(data, "questions")) == (4, 4, 5)
    questions = data["questions"]
    assert (line_of(questions[0]), line_of(questions, 0), line_of(questions, 1)) == (6, 6, 7)


def test_yaml_that_does_not_parse_names_its_line():
    (fence,) = find_fences("# Title\n\n```lab\nlab: line\nsettings: [1, 2\n```\n")
    with pytest.raises(BlockError) as error:
        fence.yaml()
    assert error.value.line == 5 and error.value.problem.startswith("the YAML does not parse")


def test_swap_replaces_the_chosen_kinds_in_page_order_at_their_indent():
    seen = []

    def render(fence):
        seen.append(fence.line)
        return f"<div>{fence.kind} {len(seen)}</div>"

    text = swap(PAGE + "\n```flashcards\ncards: []\n```\n", {"flashcards"}, render)
    assert seen == [11, 20]
    assert "\n    <div>flashcards 1</div>\n" in text and "\n<div>flashcards 2</div>\n" in text
    assert "```quiz\nnot: [a block\n```" in text and "print(1)" in text  # other fences untouched
    assert "~~~" not in text
