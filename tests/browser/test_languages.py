"""Knobs in English, Spanish and Portuguese, as a reader uses it: every page of every language loads without a
console error; a cell runs in Spanish and Portuguese with the buttons, the status and Python's explanations in that
language; the header's switcher keeps the reader on the page they are on (after instant navigation too); progress
made in Spanish shows in English. (axe and the 375 px check walk every page of every language in
test_accessibility.py; the service worker's languages are in test_offline.py.)"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"


def open_page(page, server, path):
    page.goto(server.url(path))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')


def test_every_page_of_every_language_loads_without_console_errors(page, server, built_site):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append((page.url, message.text)))
    pages = sorted(
        "" if p.parent == built_site.path else p.parent.relative_to(built_site.path).as_posix() + "/"
        for p in built_site.path.rglob("index.html")
    )
    for lang in ("es", "pt"):
        assert f"{lang}/" in pages and f"{lang}/{LESSON}" in pages
    for path in pages:
        open_page(page, server, path)
        lang = path[:2] if path[:3] in ("es/", "pt/") else "en"
        assert page.evaluate("document.documentElement.lang").startswith(lang), path
    assert errors == [] and page.console_errors == []


@pytest.mark.parametrize(
    ("lang", "run", "done", "no_input"),
    [
        ("es", "▶ Ejecutar", "Listo en", "input() no puede leer del teclado"),
        ("pt", "▶ Executar", "Pronto em", "input() não consegue ler do teclado"),
    ],
)
def test_a_cell_runs_in_the_pages_language_and_python_explains_in_it(page, server, lang, run, done, no_input):
    open_page(page, server, f"{lang}/{LESSON}")
    cell = page.locator(".knobs-cell").first
    cell.get_by_role("button", name=run).click()
    expect(cell.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    expect(cell.locator(".knobs-cell__status")).to_contain_text(done)
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("input()")
    cell.get_by_role("button", name=run).click()
    expect(cell.locator(".knobs-cell__output")).to_contain_text(no_input, timeout=30_000)
    assert page.console_errors == []


def test_the_switcher_keeps_the_reader_on_the_same_page_after_instant_navigation(page, server):
    open_page(page, server, "lessons/02-how-a-model-learns/")
    page.locator(".md-nav--primary").get_by_role("link", name="Training vs inference").first.click()
    page.wait_for_selector('body[data-knobs-page="/knobs/lessons/03-training-vs-inference/"]')
    page.locator(".md-select").first.hover()
    page.locator(".md-select a[hreflang='es']").first.click()
    page.wait_for_selector('body[data-knobs-page="/knobs/es/lessons/03-training-vs-inference/"]')
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.locator(".md-nav--primary")).to_contain_text("Entrenamiento e inferencia")
    page.locator(".md-select").first.hover()
    page.locator(".md-select a[hreflang='pt']").first.click()
    page.wait_for_selector('body[data-knobs-page="/knobs/pt/lessons/03-training-vs-inference/"]')
    assert page.evaluate("document.documentElement.lang").startswith("pt")
    page.locator(".md-select").first.hover()
    page.locator(".md-select a[hreflang='en']").first.click()
    page.wait_for_selector('body[data-knobs-page="/knobs/lessons/03-training-vs-inference/"]')
    assert page.console_errors == []


def test_a_question_answered_in_spanish_counts_on_the_english_progress_page(page, server):
    open_page(page, server, "es/practice/")
    single = page.locator("fieldset.knobs-q").first
    single.get_by_label("$350,000").check()
    single.get_by_role("button").first.click()
    expect(single.locator(".knobs-q__feedback")).to_contain_text("✓")
    open_page(page, server, "practice/")
    expect(page.locator("fieldset.knobs-q").first.get_by_label("$350,000")).to_be_checked()
    open_page(page, server, "progress/")
    expect(page.locator('tr[data-page="practice/"] .knobs-progress__score')).to_contain_text("1 of")
    keys = page.evaluate("Object.keys(localStorage)")
    assert "/knobs/:v1:checks:practice/" in keys and not any("es/" in key for key in keys), keys


@pytest.mark.parametrize(
    ("lang", "check", "wrong", "retry", "right", "score"),
    [
        (
            "es",
            "Comprobar",
            "✗ Incorrecto.",
            "Intentar de nuevo",
            "✓ Correcto.",
            "Puntuación en este cuestionario: 1 de",
        ),
        ("pt", "Verificar", "✗ Não está certo.", "Tentar de novo", "✓ Certo.", "Pontuação neste questionário: 1 de"),
    ],
)
def test_a_quiz_checks_and_answers_in_the_pages_language(page, server, lang, check, wrong, retry, right, score):
    open_page(page, server, f"{lang}/practice/")
    single = page.locator("fieldset.knobs-q").first
    expect(single.locator(".knobs-q__number")).to_have_text("Pregunta 1 de 6" if lang == "es" else "Pergunta 1 de 6")
    single.get_by_role("button", name=check, exact=True).click()
    expect(single.locator(".knobs-q__feedback")).to_have_text(
        "Elige primero una respuesta." if lang == "es" else "Escolha uma resposta primeiro."
    )
    thousands = "," if lang == "es" else "."  # each language writes its prose numbers its own way (pt-BR: 300.000)
    single.get_by_label(f"$300{thousands}000").check()
    single.get_by_role("button", name=check, exact=True).click()
    expect(single.locator(".knobs-q__feedback")).to_contain_text(wrong)
    single.get_by_role("button", name=retry).click()
    single.get_by_label(f"$350{thousands}000").check()
    single.get_by_role("button", name=check, exact=True).click()
    expect(single.locator(".knobs-q__feedback")).to_contain_text(right)
    expect(page.locator(".knobs-quiz .knobs-check__score").first).to_contain_text(score)
    assert page.console_errors == []


def test_every_lesson_is_translated_so_no_page_shows_the_not_yet_translated_notice(page, server):
    """i18n/untranslated.yml is empty: a Spanish or Portuguese lesson is its translation, not English with a notice."""
    open_page(page, server, f"pt/{LESSON}")
    expect(page.locator("article")).not_to_contain_text("ainda não foi traduzida")
    expect(page.locator("h1").first).to_contain_text("O que é um modelo?")
    open_page(page, server, f"es/{LESSON}")
    expect(page.locator("article")).not_to_contain_text("aún no está traducida")
    expect(page.locator("h1").first).to_contain_text("¿Qué es un modelo?")


def test_a_first_visit_in_spanish_saves_every_language_for_offline_use(browser, server):
    """The service worker's scope is the site root: a first visit to /knobs/es/ installs it, and once saved the
    Spanish, English and Portuguese pages and Python all work offline."""
    from test_offline import isolated_visit

    context, page, _ = isolated_visit(browser, server.url(f"es/{LESSON}"))
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == server.url("sw.js")
    context.set_offline(True)
    for path in ("es/progress/", "progress/", f"pt/{LESSON}", f"es/{LESSON}"):
        open_page(page, server, path)
        expect(page.locator("h1").first).to_be_visible()
    cell = page.locator(".knobs-cell").first
    cell.get_by_role("button", name="▶ Ejecutar").click()
    expect(cell.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    context.close()


def test_a_lab_says_its_status_verdict_and_notices_in_portuguese(page, server):
    """The dynamics lab on a Portuguese page: Python's verdict, its status line and its notice about a link's value
    out of range (a clamp decided in Python) are in Portuguese; the task it meets is still ticked. The page's
    table of words went to the worker once, not with each of the lab's calls."""
    page.add_init_script(
        """window.sentToPython = [];
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, ...rest) {
          window.sentToPython.push({ kind: message.kind, words: "words" in message });
          return post.call(this, message, ...rest);
        };"""
    )
    page.goto(server.url("pt/labs/") + "#dynamics.learning_rate=5")
    root = page.locator('.knobs-lab[data-lab-id="dynamics"]')
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-ready", "true", timeout=60_000)
    expect(root.locator(".knobs-lab__notice")).to_have_text(
        "Do link: Taxa de aprendizado: 5 está fora de 0.001–1; usando 1."
    )
    expect(root.locator('[data-out="verdict"]')).to_have_text("Divergiu")
    expect(root.locator(".knobs-lab__status")).to_contain_text("Divergiu: ")
    expect(root.locator('.knobs-lab__task[data-task="diverge"] .knobs-lab__task-state')).to_have_text("(feito)")
    root.get_by_label("Taxa de aprendizado").focus()
    page.keyboard.press("Home")  # 0.001: far too small to finish
    expect(root.locator('[data-out="verdict"]')).to_have_text("Ainda caindo")
    expect(root.locator(".knobs-lab__status")).to_contain_text("a perda ainda está caindo")
    sent = page.evaluate("window.sentToPython")
    assert [message["kind"] for message in sent if message["words"]] == ["words"]
    assert sum(message["kind"] == "call" for message in sent) >= 2
    assert page.console_errors == []
