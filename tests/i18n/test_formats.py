"""Dates read in each language's own order (docs/translations.md, "Dates"): the pages name a
format (`|date:"SHORT_DATE_FORMAT"`, the project's `WEEKDAY_DATE_FORMAT`…), and every language
defines every name, so no page writes an English order or an English month."""

from datetime import UTC, date, datetime
from importlib import import_module

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

NAMES = [
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
    "DAY_MONTH_FORMAT",
    "WEEKDAY_DAY_MONTH_FORMAT",
    "WEEKDAY_DATE_FORMAT",
    "WEEKDAY_FULL_DATE_FORMAT",
    "WEEKDAY_SHORT_DATETIME_FORMAT",
]


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_every_language_defines_every_format_name(code):
    module = import_module(f"backcare.formats.{code}.formats")
    assert [name for name in NAMES if not getattr(module, name, None)] == []


@pytest.mark.parametrize(
    "code, name, expected",
    [
        ("en", "DATE_FORMAT", "6 December 2026"),
        ("en", "SHORT_DATE_FORMAT", "6 Dec 2026"),
        ("en", "WEEKDAY_DATE_FORMAT", "Sunday 6 December"),
        ("es", "DATE_FORMAT", "6 de diciembre de 2026"),
        ("es", "WEEKDAY_DATE_FORMAT", "domingo 6 de diciembre"),
        ("de", "DATE_FORMAT", "6. Dezember 2026"),
        ("de", "WEEKDAY_DATE_FORMAT", "Sonntag, 6. Dezember"),
        ("de", "SHORT_DATETIME_FORMAT", "6. Dez 2026, 19:30"),
    ],
)
def test_a_date_reads_in_the_languages_own_order(code, name, expected):
    template = Template("{{ day|date:name }}")
    day = datetime(2026, 12, 6, 19, 30, tzinfo=UTC) if "TIME" in name else date(2026, 12, 6)
    with translation.override(code), timezone.override(UTC):
        assert template.render(Context({"day": day, "name": name})) == expected


def test_templates_name_their_date_formats():
    """A literal format ("j M Y") would keep the English order in every language."""
    import re
    from pathlib import Path

    used = {}
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.*"):
        for found in re.findall(r'\|date:"([^"]*)"', path.read_text()):
            used.setdefault(found, []).append(path.name)
    assert {name: where for name, where in used.items() if name not in NAMES} == {}
