"""The home page lists every lesson in order with the title and reading time the lesson itself states, and the total
it gives is their sum."""

import re

from conftest import ROOT
from lesson_pages import lessons

HOME = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_home_lists_every_lesson_with_its_own_title_and_reading_time():
    listed = re.findall(r"^\d+\. \[(.+?)\]\(lessons/(\d\d-[\w-]+\.md)\) · about (\d+) minutes<br>\n +\S", HOME, re.M)
    stated = []
    for lesson in lessons():
        title = lesson.text.split("\n", 1)[0].removeprefix("# ")
        minutes = re.search(r"\*\*Reading time:\*\* about (\d+) minutes", lesson.text).group(1)
        stated.append((title, lesson.path.name, minutes))
    assert listed == stated


def test_home_states_the_total_reading_time():
    total = sum(int(minutes) for minutes in re.findall(r"\*\*Reading time:\*\* about (\d+) minutes",
                                                       "".join(lesson.text for lesson in lessons())))
    hours, minutes = divmod(total, 60)
    assert f"about {hours} hours {minutes} minutes of reading in all" in HOME
