"""No CSV the project writes can carry a spreadsheet formula: values a founder controls
(campaign parameters, the referring site, the contact form) come back as text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from advisor.insights.exports import FORMULA_START, SafeWriter, cell
from advisor.models import FollowUpSettings
from advisor.ops import jobs
from advisor.outreach import followup
from tests.conftest import AI_ANSWERS, complete

FORMULAS = {
    "utm_source": '=HYPERLINK("https://evil.example.com","click")',
    "utm_medium": "+1+cmd|' /C calc'!A0",
    "utm_campaign": "-2+3",
    "utm_term": "\t=1+1",
    "utm_content": "\r=1+1",
}


def formula_cells(rows: list[list[str]]) -> list[str]:
    return [value for row in rows for value in row if value.startswith(FORMULA_START)]


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(User.objects.create_superuser("admin", "a@example.com", "long-pass-phrase"))
    return client


def read(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_cell_that_starts_like_a_formula_is_text():
    assert [cell(v) for v in ("=1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\t=1",
        "'\r=1",
    ]
    assert [cell(v) for v in ("plain", "a=b", "", -3, 2.5, None)] == [
        "plain",
        "a=b",
        "",
        -3,
        2.5,
        None,
    ]


def test_campaign_referrer_and_contact_values_reach_the_exports_as_text(bank, staff):
    FollowUpSettings(enabled=True).save()
    followup.forget()
    founder = Client()
    founder.get("/", FORMULAS, HTTP_REFERER='=HYPERLINK("https://evil.example.com")')
    token = complete(founder, AI_ANSWERS).split("/")[2]
    response = founder.post(
        reverse("contact", args=[token]),
        {"name": "=cmd|' /C calc'!A0", "email": "jo@example.com", "consent": "on"},
    )
    assert response.status_code == 303
    followup.forget()

    rows = read(staff.get(reverse("admin:advisor_export")))
    record = dict(zip(rows[0], rows[1], strict=True))
    for name, value in FORMULAS.items():
        # kept (without the tab or carriage return), and shown as the text it is
        assert record[name] == "'" + value.strip(), name
    assert record["referrer"] == ""  # not an address: never stored
    assert formula_cells(rows) == []

    rows = read(staff.get(reverse("admin:advisor_contact_export")))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["name"] == "'=cmd|' /C calc'!A0"
    assert formula_cells(rows) == []


def test_the_export_written_by_a_job_is_as_safe(bank, staff, settings, tmp_path):
    settings.EXPORT_INLINE_ROWS = 0
    settings.EXPORT_DIR = tmp_path
    founder = Client()
    founder.get("/", FORMULAS)
    complete(founder, AI_ANSWERS)
    response = staff.get(reverse("admin:advisor_export"))
    assert response.status_code == 303
    jobs.jobs_run_due()
    (path,) = tmp_path.glob("*.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert dict(zip(rows[0], rows[1], strict=True))["utm_source"] == "'" + FORMULAS["utm_source"]
    assert formula_cells(rows) == []


def test_every_csv_is_written_by_the_safe_writer():
    out = io.StringIO()
    SafeWriter(out).writerow(["@x", 1])
    assert out.getvalue() == "'@x,1\r\n"
    root = Path(__file__).resolve().parents[2]
    writers = [
        str(path.relative_to(root))
        for folder in ("advisor", "scripts")
        for path in (root / folder).rglob("*.py")
        if "csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text()
    ]
    assert writers == ["advisor/insights/exports.py"]
