"""Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium,
for the report's browser tests and ``tools/screenshots.py``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("SISTERCITY_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SISTERCITY_CHROMEDRIVER", "/usr/bin/chromedriver")

#: Headless, no sandbox (root in CI), and none of the background connections that this
#: machine's closed network would refuse.
ARGUMENTS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def missing() -> str | None:
    """What is missing to run the browser, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} is not installed"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    return None


def start_chromium(profile: str | Path, width: int, height: int) -> Any:
    """A Selenium driver of headless Chromium with a fresh profile in ``profile``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (*ARGUMENTS, f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
