"""Each lesson states its time as reading and doing, and both are what overrides/hooks/lesson_time.py computes:
prose words at 200 a minute, and a fixed allowance per cell, lab and exercise, each rounded to 5 minutes."""

import sys

import pytest
from lesson_pages import lessons

from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import lesson_time  # noqa: E402  (needs the path above)

LESSONS = lessons()


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.path.stem for lesson in LESSONS])
def test_the_lessons_stated_reading_and_doing_times_are_the_computed_ones(lesson):
    top = lesson.text.split("\n## ", 1)[0]
    reading, doing = lesson_time.times(lesson.text)
    assert lesson_time.LINE.format(reading=reading, doing=doing) in top, (
        f"{lesson.path.name}: write `{lesson_time.LINE.format(reading=reading, doing=doing)}` in the opening box"
    )


def test_reading_counts_prose_and_questions_but_not_code_and_doing_counts_cells_labs_and_exercises():
    text = "\n".join(
        [
            "# A lesson",
            "word " * 1000,  # 1,000 words: 5 minutes at 200 a minute
            "``` { .python .run }",
            "x = " + "1 + " * 500 + "1",
            "```",  # code: not read as prose
            "```quiz",
            "questions:",
            "  - type: numeric",
            '    prompt: "' + "why " * 500 + '"',
            "    answer: 1",
            "```",
            "```lab",
            "lab: line",
            "```",
            "```exercise",
            "check: mse",
            "prompt: p",
            "starter: s",
            "solution: s",
            "```",
            '<figure class="x">' + "svg " * 900 + "</figure>",
        ]
    )
    # the title's 2 words, the prose's 1,000, and the quiz's values: "numeric", 500 in the prompt, the answer "1"
    assert lesson_time.prose_words(text) == 2 + 1000 + 1 + 500 + 1
    assert lesson_time.doing_counts(text) == {"cell": 1, "lab": 1, "exercise": 1}
    assert lesson_time.times(text) == (10, 10)  # 7.5 minutes reading, 1 + 5 + 5 = 11 minutes doing
    assert lesson_time.nearest_five(2) == 5 and lesson_time.nearest_five(12.5) == 15
