"""The database, by what it holds: the question bank, costs, founders' results, teams,
work behind the scenes and what reaches beyond the site."""

from advisor.models.bank import (  # noqa: F401
    Choice,
    ChoiceManager,
    Points,
    PointsManager,
    Question,
    RoleProfile,
    SlugManager,
    new_token,
)
from advisor.models.costs import (  # noqa: F401
    ENGAGEMENTS,
    ESTIMATE_HELP,
    SENIORITIES,
    ExchangeRate,
    ExchangeRateManager,
    HiringTerms,
    HiringTermsManager,
    Region,
    share_field,
)
from advisor.models.outreach import (  # noqa: F401
    DEFAULT_CONSENT,
    Attribution,
    ContactRequest,
    FollowUpSettings,
    ResumeLink,
    source_label,
)
from advisor.models.pay import PayRate, PayRateManager, followers_update  # noqa: F401
from advisor.models.results import (  # noqa: F401
    Answer,
    AnswerSet,
    Assessment,
    AssessmentQuerySet,
    Attempt,
    RateLimit,
    WizardStart,
)
from advisor.models.rules import Case, Rule  # noqa: F401
from advisor.models.teams import (  # noqa: F401
    Team,
    TeamMember,
)
from advisor.models.webhooks import (  # noqa: F401
    WebhookDelivery,
    WebhookEndpoint,
    WebhookSubscription,
    new_secret,
)
from advisor.models.work import (  # noqa: F401
    BankVersion,
    Job,
)

# What the costs are worked out from. Versions published before these were kept in their
# revisions leave these tables as they are when restored.
COST_MODELS = (Region, HiringTerms, PayRate, ExchangeRate)
# The question bank and its costs, the one list: what a published version holds (each
# registered with django-reversion), what content editors may edit, and what a saved row
# makes the bank be read again for.
BANK_MODELS = (RoleProfile, Question, Choice, Points, Rule, Case, *COST_MODELS)
