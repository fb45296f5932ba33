"""Pictures for the README: an Anki card and a point card (day and night), the study page, its
practice mode and the practice report, rendered in headless Chromium from what `qgen build`
wrote, and a choice question's card. Usage: python scripts/screenshots.py BUILD_DIR DOCS_DIR [CHOICES_BUILD_DIR]"""

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageRequest
from jinja2 import Template
from playwright.sync_api import sync_playwright

QGEN = str(Path(sys.executable).with_name("qgen"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
CARD_PAGE = Template(
    '<html><body class="{{ body }}" style="margin:0;background:{{ bg }}">'
    '<div class="card {{ card }}" style="padding:24px">{{ html | safe }}</div></body></html>')


def card_answers_html(package: Path) -> tuple[str, str]:
    """The back of the first answer card and of the first point card asking for a second
    point, as Anki renders them (their CSS included)."""
    with tempfile.TemporaryDirectory() as folder:
        collection = Collection(str(Path(folder) / "collection.anki2"))
        collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))
        cards = sorted((collection.get_card(cid) for cid in collection.find_cards('"note:qgen (zh)"')),
                       key=lambda c: c.due)
        points = sorted((collection.get_card(cid) for cid in collection.find_cards('"note:qgen point (zh)" "Position:2 /*"')),
                        key=lambda c: c.due)
        html = cards[0].answer(), points[0].answer()
        collection.close()
    return html


def choice_card_html(package: Path) -> str:
    """The back of the card of the choice question with code (number 3)."""
    with tempfile.TemporaryDirectory() as folder:
        collection = Collection(str(Path(folder) / "collection.anki2"))
        collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))
        (card_id,) = collection.find_cards('"Number:3"')
        html = collection.get_card(card_id).answer()
        collection.close()
    return html


def main(build: Path, docs: Path, choices: Path | None = None) -> None:
    answer, point = card_answers_html(build / "llm-interview.apkg")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 720, "height": 900})
        cards = [("card", answer, 900), ("point-card", point, 640)]
        if choices:
            cards.append(("choice-card", choice_card_html(choices / "choices.apkg"), 640))
        for kind, html, height in cards:
            for name, body, card, bg in ((f"anki-{kind}-day", "", "", "#ffffff"),
                                         (f"anki-{kind}-night", "night_mode", "nightMode", "#1e1e1e")):
                page.set_content(CARD_PAGE.render(html=html, body=body, card=card, bg=bg))
                page.screenshot(path=str(docs / f"{name}.png"), clip={"x": 0, "y": 0, "width": 720, "height": height})
        page = browser.new_page(viewport={"width": 900, "height": 760})
        page.goto((build / "llm-interview.html").resolve().as_uri())
        page.fill("#search", "推理")
        page.locator(".question:not([hidden]) summary").first.click()
        page.screenshot(path=str(docs / "study-page.png"))
        practice_mode(browser, build / "llm-interview.html", docs / "study-practice.png")
        report_page(browser, build, docs / "report.png")
        browser.close()


def report_page(browser, build: Path, picture: Path) -> None:
    """The practice report after three made-up self-interviews (a fixed random sequence),
    scored and reported by qgen itself."""
    bank = json.loads(subprocess.run([QGEN, "export", "source"], capture_output=True, text=True, check=True).stdout)
    questions = bank["banks"][0]["questions"]
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        for day in range(3):
            record = {"qgen": "practice", "page": "llm-interview", "candidate": "me", "date": f"2026-11-2{day}",
                      "questions": [{"bank": "llm-interview", "id": q["id"], "title": q["title"], "seconds": 90,
                                     "level": rng.choice(["poor", "mixed", "good", "excellent"]),
                                     "points": [{"id": p["id"], "label": p["label"], "weight": p["weight"],
                                                 "checked": rng.random() < 0.6} for p in q["points"]]}
                                    for q in rng.sample(questions, 12)]}
            path = Path(folder) / f"practice-{day}.json"
            path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
            subprocess.run([QGEN, "score", str(path), "--results", f"{folder}/results"], check=True,
                           capture_output=True)
        subprocess.run([QGEN, "report", "--results", f"{folder}/results", "--out", str(build)], check=True,
                       capture_output=True)
    page = browser.new_page(viewport={"width": 1000, "height": 1000})
    page.goto((build / "llm-interview-report.html").resolve().as_uri())
    page.screenshot(path=str(picture))
    page.close()


def practice_mode(browser, study_page: Path, picture: Path) -> None:
    """The practice mode after a timed answer: revealed, three points ticked, a level."""
    page = browser.new_page(viewport={"width": 900, "height": 1250})
    page.clock.install()
    page.goto(study_page.resolve().as_uri())
    page.click("#practice")
    page.fill("#candidate", "Li Lei")
    question = page.locator(".question").nth(1)
    question.locator(".start").click()
    page.clock.run_for(95_000)
    question.locator("summary").click()
    for box in question.locator("[data-point]").all()[:3]:
        box.check()
    question.locator(".levels input[value='good']").check()
    question.evaluate("q => window.scrollTo(0, q.offsetTop - document.querySelector('.bar').offsetHeight - 12)")
    page.screenshot(path=str(picture))
    page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
