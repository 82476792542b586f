"""The one HTML form parser of the tools: what a form would submit as it stands, and the
choices its radio groups offer, read as a browser reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    fields: list[tuple[str, str]] = field(default_factory=list)  # as submitted, in order
    choices: dict[str, list[str]] = field(default_factory=dict)  # radio group -> its values
    action: str = ""

    def value(self, name: str) -> str:
        return next((v for n, v in self.fields if n == name), "")

    @property
    def csrf(self) -> str:
        return self.value("csrfmiddlewaretoken")


class _Parser(HTMLParser):
    """Inputs, checked boxes, selected options and text areas of the form with the given
    id, or of every form on the page when no id is given."""

    def __init__(self, form_id: str | None):
        super().__init__()
        self.form_id, self.inside, self.form = form_id, False, Form()
        self.select = self.textarea = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or a.get("id") == self.form_id
            if self.inside and not self.form.action:
                self.form.action = a.get("action") or ""
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "radio":
                self.form.choices.setdefault(a["name"], []).append(a.get("value", "on"))
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
                self.form.fields.append((a["name"], value or ""))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.form.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.form.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def form_of(page: str, form_id: str | None = None) -> Form:
    """The form with id `form_id` on `page` (every form's fields, without one)."""
    parser = _Parser(form_id)
    parser.feed(page)
    parser.close()
    return parser.form
