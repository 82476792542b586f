"""The founder's forms: one wizard step's answer (`answer`), the cost panel's inputs
(`cost_panel`), starting and joining a
team decision (`team`), an email address and a contact request (`contact`)."""

from advisor.forms.answer import AnswerForm  # noqa: F401
from advisor.forms.contact import ContactForm, EmailForm  # noqa: F401
from advisor.forms.cost_panel import CostForm  # noqa: F401
from advisor.forms.team import TeamJoinForm, TeamStartForm  # noqa: F401
