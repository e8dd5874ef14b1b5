"""Machine text on a page: what a person should never have to read.

Two pure functions, no Django inside:

- `visible_text(html)`: the text a reader sees (no <script>, <style>,
  <template>, attribute values or elements hidden with `hidden`,
  `aria-hidden`-free but `display: none` inline styles and `<input
  type=hidden>`), one line per block element.
- `find_machine_text(text, raw_values=...)`: the machine patterns in it, each a
  `Finding(kind, match, context)`:

  =============  ==============================================================
  dotted-key     `fees.expert.yearly_cents`, `need.created` (rule keys, events)
  state-arrow    `→ draft`, `-> published`, `draft →` (raw states in a history)
  snake-case     `auto_accept_days`, `CHANGES_REQUESTED`
  raw-value      a raw enum value where a state is shown: alone on its line
                 (a badge) or after a label (`État : draft`); not on English
                 pages, where the value may be the English word itself
  iso-code       language codes listed after a label (`Langues : fr, en`),
                 a country code after "Pays"/"Country", an amount in `EUR`
  python-value   `None`, `True`, `False` alone on a line or after a label
  uuid           an identifier shown as text
  iso-timestamp  `2026-11-30T12:00` instead of a date a person reads
  template       `{{ x }}`, `{% x %}`, `%(name)s` left unrendered
  read-up-to     "read up to message 12" (a counter shown instead of words)
  =============  ==============================================================

What must pass: e-mail addresses, URLs, domain names, file names
("rapport_final.pdf"), decimals ("1,5", "1.5"), times ("10:30"), versions
("5.2.1", "v1.2"), reference codes ("OUV-2026-0001"), receipt codes.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# --- visible text ---------------------------------------------------------------------

INVISIBLE = {"script", "style", "template", "noscript", "head"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
# elements after which a reader sees a new line (so words never glue together)
BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "label",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
}
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # open elements: (tag, hides its content)
        self.stack: list[tuple[str, bool]] = []
        self.title: list[str] = []
        self.in_title = False

    @property
    def hidden(self) -> bool:
        return any(hides for _, hides in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in BLOCK:
            self.parts.append("\n")
        if tag == "title":
            self.in_title = True
        if tag in VOID:
            return
        hides = (
            tag in INVISIBLE
            or "hidden" in attributes
            or bool(_DISPLAY_NONE.search(attributes.get("style") or ""))
        )
        self.stack.append((tag, hides))

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in BLOCK:
            self.parts.append("\n")
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text as a reader sees it (the <title> first), one block a line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = "".join(collector.title) + "\n" + "".join(collector.parts)
    lines = (
        re.sub(r"[ \t\r\f\v\u00a0\u202f]+", " ", line).strip()
        for line in text.split("\n")
    )
    return "\n".join(line for line in lines if line)


# --- machine patterns -----------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str
    match: str
    context: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.match!r} in «{self.context}»"


TLDS = (
    "com|org|net|fr|coop|io|eu|de|uk|be|ch|lu|es|it|nl|info|dev|app|test|local|"
    "example|localhost|gouv\\.fr|co\\.uk"
)
EXTENSIONS = (
    "pdf|png|jpe?g|gif|svg|webp|heic|docx?|xlsx?|pptx?|od[tsp]|csv|txt|rtf|zip|"
    "json|xml|html?|md|ics|eml|mp4|mp3"
)
_MASKS = [
    re.compile(r"\b(?:https?|wss?|ftp)://\S+", re.I),  # URLs
    re.compile(r"\bwww\.\S+", re.I),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    re.compile(rf"[\w-]+(?:\.[\w-]+)*\.(?:{EXTENSIONS})\b", re.I),  # file names
    re.compile(rf"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{TLDS})\b(?:/\S*)?", re.I),
    re.compile(r"(?<![\w/])/[\w./-]+/"),  # paths such as /missions/needs/
]

# lowercase identifiers joined by dots; each part at least two characters, so
# abbreviations ("p.ex.", "e.g.") pass
DOTTED_KEY = re.compile(
    r"(?<![\w.@/-])[a-z][a-z0-9_]+(?:\.[a-z][a-z0-9_]+)+(?![\w@/-]|\.\w)"
)
STATE_ARROW = re.compile(
    r"(?:→|->|=>|⟶)\s*[a-z][a-z_]*\b(?![-'\u2019])|\b[a-z]+_[a-z_]+\s*(?:→|->|=>|⟶)"
)
SNAKE_CASE = re.compile(
    r"(?<![\w-])(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w-])"
)
UUID = re.compile(
    r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I
)
ISO_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|%\(\w+\)[sdif]|\[object Object\]")
READ_UP_TO = re.compile(
    r"\bread up to (?:message )?#?\d+|\blu jusqu['\u2019]au message #?\d+", re.I
)
CURRENCY_CODE = re.compile(r"\d\s?(?:EUR|USD|GBP|CHF)\b|\b(?:EUR|USD|GBP|CHF)\s?\d")
LANGUAGE_CODES = {
    "fr", "en", "de", "es", "it", "pt", "nl", "ar", "zh", "ja", "ru", "pl",
    "ro", "sv", "da", "fi", "cs", "el", "tr", "uk", "ca", "eu", "br", "oc",
}  # fmt: skip
_LABEL = r"^[^:\n]{1,60}?\s?:\s?"
LANGUAGE_LIST = re.compile(_LABEL + r"(?P<codes>[a-z]{2}(?:\s?[,/;]\s?[a-z]{2})*)\.?$")
COUNTRY = re.compile(r"^(?:pays|country|countries)\s?:\s?(?P<code>[A-Z]{2})\b", re.I)
PYTHON_VALUE = re.compile(
    r"^(?:[^:\n]{1,60}?\s?:\s?)?(?P<value>None|True|False|null|undefined|NaN)\.?$"
)

# raw values of the project's states and choices; the walk passes the real set
DEFAULT_RAW_VALUES = frozenset(
    {
        "draft", "published", "awarded", "active", "delivered", "completed",
        "cancelled", "canceled", "closed", "expired", "shortlisted", "withdrawn",
        "declined", "submitted", "accepted", "pending", "deliberation", "voting",
        "adopted", "rejected", "enacted", "scheduled", "disputed", "decided",
        "changes_requested", "in_progress", "open", "answered", "mediation",
        "requested", "received", "paid", "unpaid", "refunded", "invited",
    }
)  # fmt: skip


# raw values that are also words a French reader writes in lowercase
HOMONYMS = frozenset({"active"})


def _masked(text: str) -> str:
    for pattern in _MASKS:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _context(line: str, start: int, end: int) -> str:
    return line[max(0, start - 30) : end + 30].strip()


def find_machine_text(
    text: str,
    *,
    raw_values: frozenset[str] | set[str] = DEFAULT_RAW_VALUES,
    language: str = "fr",
) -> list[Finding]:
    """Every machine pattern in `text` (visible text, one block a line).

    Raw values are English identifiers: on a French page one is surely machine
    text, while on an English page "draft" or "remote" may be the label itself;
    so raw values are looked for when `language` is not English (the walk reads
    every page in French too, where a leaked value shows).
    """
    findings: list[Finding] = []
    for original in text.split("\n"):
        line = _masked(original)

        def add(kind, match, line=original):
            findings.append(
                Finding(kind, match.group(0).strip(), _context(line, *match.span()))
            )

        for kind, pattern in (
            ("template", TEMPLATE),
            ("read-up-to", READ_UP_TO),
            ("uuid", UUID),
            ("iso-timestamp", ISO_TIMESTAMP),
            ("state-arrow", STATE_ARROW),
            ("dotted-key", DOTTED_KEY),
            ("snake-case", SNAKE_CASE),
            ("iso-code", CURRENCY_CODE),
        ):
            for match in pattern.finditer(line):
                add(kind, match)
        stripped = line.strip()
        codes = LANGUAGE_LIST.match(stripped)
        if (
            codes
            and (parts := re.split(r"\s?[,/;]\s?", codes.group("codes")))
            and all(part in LANGUAGE_CODES for part in parts)
        ):
            findings.append(Finding("iso-code", codes.group("codes"), original.strip()))
        if country := COUNTRY.match(stripped):
            findings.append(
                Finding("iso-code", country.group("code"), original.strip())
            )
        if python := PYTHON_VALUE.match(stripped):
            findings.append(
                Finding("python-value", python.group("value"), original.strip())
            )
        value = re.sub(_LABEL, "", stripped).rstrip(".")
        if (
            language != "en"
            and value in raw_values
            and value.islower()
            and value not in HOMONYMS
        ):
            findings.append(Finding("raw-value", value, original.strip()))
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        key = (finding.kind, finding.match, finding.context)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def check_html(html: str, **options) -> list[Finding]:
    """The machine patterns in the visible text of an HTML page."""
    return find_machine_text(visible_text(html), **options)
