"""``report.html`` in a real browser: headless Chromium (Debian's ``chromium``) via Selenium.

Where Chromium or ChromeDriver is missing these tests are skipped, except when
``SISTERCITY_BROWSER_TESTS=required`` (``.ci/run`` sets it after installing both): then a
missing browser is a failure, so CI never skips them silently.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.browser import missing, start_chromium
from tests.test_report import HOSTILE, _hostile_corpus

from sistercity_provenance.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "sister-cities"
SMALL = Path(__file__).parent / "corpus" / "sister_cities_small"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = missing()
    if why:
        if os.environ.get("SISTERCITY_BROWSER_TESTS") == "required":
            pytest.fail(f"browser tests are required here but {why}")
        pytest.skip(why)
    profile = tempfile.mkdtemp(prefix="scp-chromium-")
    driver = start_chromium(profile, 1280, 1000)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _report(corpus: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["--no-plugins", "resolve", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "report.html"


def _corpus() -> Path:
    return EXAMPLE if (EXAMPLE / "documents.jsonl").is_file() else SMALL


def test_an_entity_page_shows_a_claim_and_its_chain(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = _report(_corpus(), tmp_path / "out")
    browser.get(report.as_uri())
    home = browser.find_element(By.ID, "home")
    assert home.is_displayed()
    # Follow the index link of an entity that is the subject of a claim with a chain of
    # more than one document (the telegram, its translation, the article).
    links = browser.find_elements(By.CSS_SELECTOR, "#entity-index li a")
    assert links
    target = None
    for link in links:
        anchor = link.get_attribute("href").rsplit("#", 1)[1]
        page = browser.find_element(By.ID, anchor)
        if page.find_elements(By.CSS_SELECTOR, "ol.chain li.step-source"):
            target = link
            break
    assert target is not None, "no entity page has a claim with a multi-step chain"
    name = target.text
    target.click()
    page = browser.find_element(By.CSS_SELECTOR, "section.entity:target")
    assert page.is_displayed() and not home.is_displayed()
    assert name in page.find_element(By.TAG_NAME, "h2").text
    claim = page.find_element(By.CSS_SELECTOR, ".claim")
    assert claim.is_displayed()
    assert "Grade" in claim.text and "Corroboration" in claim.text
    chain = claim.find_element(By.CSS_SELECTOR, "ol.chain")
    steps = chain.find_elements(By.TAG_NAME, "li")
    assert len(steps) >= 3 and steps[0].text.startswith("evidence in")
    assert chain.is_displayed() and chain.size["height"] > 0
    marks = page.find_elements(By.TAG_NAME, "mark")
    assert any(m.is_displayed() and m.text for m in marks)


def test_the_network_picture_renders(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = _report(_corpus(), tmp_path / "out")
    browser.get(report.as_uri())
    svg = browser.find_element(By.ID, "network-svg")
    assert svg.is_displayed()
    assert svg.size["width"] > 300 and svg.size["height"] > 50
    nodes = svg.find_elements(By.CSS_SELECTOR, "a.node")
    edges = svg.find_elements(By.CSS_SELECTOR, "a.edge line")
    assert len(nodes) >= 2 and edges
    # The nodes are drawn where the browser can see them: non-empty boxes inside the picture.
    box = browser.execute_script(
        "const s=arguments[0].getBoundingClientRect();"
        "return [...arguments[0].querySelectorAll('a.node')].map(n=>{"
        "const r=n.getBoundingClientRect();"
        "return r.width>0&&r.height>0&&r.left>=s.left-1&&r.right<=s.right+1;});",
        svg,
    )
    assert box and all(box)
    # An edge links to its claim; following it shows that claim.
    edge = svg.find_element(By.CSS_SELECTOR, "a.edge")
    href = edge.get_dom_attribute("href")
    assert href.startswith(("#c", "#l"))  # one claim, or a page of the claims of a pair
    browser.get(report.as_uri() + href)
    target = browser.find_element(By.ID, href[1:])
    assert target.is_displayed() and "Evidence" in target.text


def test_no_script_runs_in_a_report_of_hostile_documents(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = _report(_hostile_corpus(tmp_path / "corpus"), tmp_path / "out")
    pages = [report.as_uri()]
    browser.get(pages[0])
    pages += [
        pages[0] + a.get_dom_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, "a[href^='#']")
    ][:40]
    for url in pages:
        browser.get(url)
        assert browser.title == "sistercity_provenance report"
        # Hover and focus everything that a payload might have hooked.
        for element in browser.find_elements(By.CSS_SELECTOR, "a, bdi, mark")[:60]:
            browser.execute_script(
                "for (const t of ['mouseover','focus','click']) "
                "arguments[0].dispatchEvent(new Event(t));",
                element,
            )
        assert browser.title == "sistercity_provenance report"
        assert browser.execute_script("return document.scripts.length") == 0
        assert not browser.find_elements(By.CSS_SELECTOR, "img, iframe, textarea")
    browser.get(pages[0])
    text = browser.find_element(By.TAG_NAME, "body").get_attribute("textContent")
    for payload in HOSTILE:
        assert payload in text
