"""Wagtail pages of the public site, one module per concern.

The tree, in each language (French is the default locale, English its
translation, kept in step by wagtail.contrib.simple_translation):

    HomePage
    ├── StandardPage, FaqPage, HowItWorksPage (one per community), ContactPage
    ├── NewsIndexPage ── NewsPage
    ├── CharterPage (built from the rules registry and the adopted motions)
    ├── DecisionsPage (closed motions and dispute precedents)
    ├── StoryPage (Léa's story) with members' Chapters, moderated
    └── ReportIndexPage ── MonthlyReportPage (one per sealed month, see reports.py)
                        └─ YearlyReportPage (the year's sealed months, rapport de gestion)
"""

from .base import SitePage, Translated
from .contact import ContactFormField, ContactPage
from .governance import CharterPage, DecisionsPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage
from .pages import FaqPage, HowItWorksPage, StandardPage
from .reports import (
    MonthlyReportPage,
    ReportIndexPage,
    SecondEditorApprovalTask,
    YearlyReportPage,
)
from .stories import Chapter, ChapterComment, StoryPage

__all__ = [
    "Chapter",
    "ChapterComment",
    "CharterPage",
    "ContactFormField",
    "ContactPage",
    "DecisionsPage",
    "FaqPage",
    "HomePage",
    "HowItWorksPage",
    "MonthlyReportPage",
    "NewsIndexPage",
    "NewsPage",
    "ReportIndexPage",
    "SecondEditorApprovalTask",
    "SitePage",
    "StandardPage",
    "StoryPage",
    "Translated",
    "YearlyReportPage",
]
