"""What every page a journey meets must pass, and its screenshots.

`Inspector.look(page, step)` checks the page at desktop (1280 x 800) and phone
(390 x 844) sizes:

- axe-core (axe-playwright-python): no "serious" or "critical" violation;
- the machine-text check (tests/pages/machine_text.py) on the visible text;
- at 390 px the page does not scroll sideways
  (`document.documentElement.scrollWidth <= 390`);

and saves `<journey>-<step>-<size>-<lang>.png` into `$SCREENSHOTS_DIR`
(default var/screenshots). With `english=True` it also reads the same page in
English (the language cookie, then back to French).

Findings are collected, not raised, so that one journey reports every page it
met; the journey asserts `inspector.findings == []` at its end.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.pages.machine_text import check_html

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ("desktop", {"width": 1280, "height": 800})
PHONE = ("phone", {"width": 390, "height": 844})
BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGE_COOKIE = "django_language"


def screenshots_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or ROOT / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    lines = []
    for violation in results.response.get("violations", []):
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = [
                " ".join(map(str, node.get("target", [])))
                for node in violation.get("nodes", [])[:3]
            ]
            lines.append(
                f"axe {violation['impact']} {violation['id']}: {violation['help']} "
                f"({len(violation.get('nodes', []))} nodes, e.g. {targets})"
            )
    return lines


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the phone's viewport (0: none)."""
    return page.evaluate(
        "Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


@dataclass
class Inspector:
    journey: str
    language: str = "fr"
    findings: list[str] = field(default_factory=list)
    pages_seen: int = 0

    def look(self, page, step: str, *, english: bool = False) -> None:
        """Check the page as it is now, at both sizes (and in English if asked)."""
        page.wait_for_load_state("load")
        self._check(page, step, self.language)
        if english and self.language != "en":
            self._switch_language(page, "en")
            self._check(page, step, "en")
            self._switch_language(page, self.language)
        page.set_viewport_size(DESKTOP[1])

    def _check(self, page, step: str, language: str) -> None:
        self.pages_seen += 1
        where = f"{self.journey}/{step} ({language}, {page.url})"
        lang = page.locator("html").get_attribute("lang") or ""
        if lang.split("-")[0] != language:
            self.findings.append(f"{where}: <html lang> is {lang!r}")
        for finding in check_html(page.content(), language=language):
            self.findings.append(f"{where}: machine text {finding}")
        for size, viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            page.wait_for_timeout(100)  # let the layout settle
            page.screenshot(
                path=str(
                    screenshots_dir() / f"{self.journey}-{step}-{size}-{language}.png"
                ),
                full_page=True,
            )
            if size == "phone" and (extra := horizontal_overflow(page)) > 0:
                self.findings.append(f"{where}: scrolls sideways by {extra}px at 390px")
            self.findings += [
                f"{where} [{size}]: {line}" for line in axe_violations(page)
            ]

    def _switch_language(self, page, language: str) -> None:
        origin = re.match(r"https?://[^/]+", page.url).group(0)
        page.context.add_cookies(
            [{"name": LANGUAGE_COOKIE, "value": language, "url": origin}]
        )
        page.reload()
        page.wait_for_load_state("load")

    def report(self) -> str:
        return (
            f"{len(self.findings)} findings on {self.pages_seen} page views:\n"
            + "\n".join(self.findings)
        )
