"""An amount a founder types, read in the format of their language: "12.000" and
"12.000,50" in German and Spanish, "12,000.50" in English, and plain "12000" in any.
Grouping must come in threes, so "1.2.3" is not a number; a space groups too. In a
language with a decimal comma, one point followed by one or two digits ("42.50") is
read as the decimal point it can only be."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats

SPACES = " \u00a0\u202f"


def plain(text: str, decimal: str, group: str) -> str | None:
    """`text` as a plain decimal ("12000.50"), or None when it is not a number written
    with `decimal` and `group` (or plainly)."""
    text = text.strip()
    sign = "-" if text.startswith("-") else ""
    text = text.removeprefix("-").strip()
    groups = re.escape(group + SPACES)
    dec = re.escape(decimal)
    found = re.fullmatch(rf"(\d{{1,3}}(?:[{groups}]\d{{3}})+|\d+)(?:{dec}(\d+))?", text)
    if found is None and decimal != "." and text.count(".") == 1:
        # "42.50" where the decimal is a comma: a point before one or two digits.
        found = re.fullmatch(r"(\d+)\.(\d{1,2})", text)
    if found is None:
        return None
    whole = re.sub(rf"[{groups}]", "", found[1])
    return f"{sign}{whole}.{found[2]}" if found[2] else f"{sign}{whole}"


class LocaleDecimalField(forms.DecimalField):
    """A decimal typed in the format of the active language, or plainly."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        read = plain(
            str(value),
            formats.get_format("DECIMAL_SEPARATOR"),
            formats.get_format("THOUSAND_SEPARATOR"),
        )
        if read is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(read)
