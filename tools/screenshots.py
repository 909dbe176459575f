"""Take the report screenshots in docs/img/ from the shipped example.

Run on demand, with Debian's ``chromium`` and ``chromium-driver`` installed and the test
extra (Selenium) in the environment::

    python tools/screenshots.py [--out docs/img]

It resolves ``examples/sister-cities`` into a temporary directory, opens ``report.html`` in
headless Chromium and saves the overview, one entity page and one claim as PNG files.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By

from sistercity_provenance.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser set-up is shared with the report's tests
from tests.browser import start_chromium  # noqa: E402

#: The entity and the claim shown (chosen for names in two scripts and a multi-step chain).
ENTITY = "河南省人民政府侨务办公室"
CLAIM = "c-toledo-article"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        run(ROOT / "examples" / "sister-cities", Path(tmp) / "out")
        url = (Path(tmp) / "out" / "report.html").as_uri()
        driver = start_chromium(Path(tmp) / "profile", 1280, 1100)
        try:
            driver.get(url)
            driver.save_screenshot(str(args.out / "report-overview.png"))
            items = driver.find_elements(By.CSS_SELECTOR, "#entity-index li")
            item = next(li for li in items if ENTITY in li.text)
            href = item.find_element(By.TAG_NAME, "a").get_dom_attribute("href")
            driver.get(url + href)
            driver.save_screenshot(str(args.out / "report-entity.png"))
            anchor = next(
                a.get_dom_attribute("href")
                for a in driver.find_elements(By.TAG_NAME, "a")
                if a.get_attribute("textContent") == CLAIM
                and (a.get_dom_attribute("href") or "").startswith("#c")
            )
            driver.get(url + anchor)
            driver.execute_script(
                "document.getElementById(arguments[0]).scrollIntoView()", anchor[1:]
            )
            driver.save_screenshot(str(args.out / "report-claim.png"))
        finally:
            driver.quit()
    for name in ("report-overview.png", "report-entity.png", "report-claim.png"):
        print(args.out / name)


if __name__ == "__main__":
    main()
