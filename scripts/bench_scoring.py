"""How long scoring one set of answers takes, on the shipped question bank.

Builds the bank from the fixtures in a throwaway SQLite file, then times `scoring.score`
over random answer sets (every choice, "not sure" included) with `timeit`: once on a
fresh bank (nothing remembered yet) and once on a bank that has scored them before, and
the worst case, every answer "not sure". Exits non-zero when the mean on a fresh bank
misses the budget.

    python -m scripts.bench_scoring [--sets 2000] [--budget-ms 2]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import timeit
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=2000)
    parser.add_argument("--budget-ms", type=float, default=2.0)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
    os.environ["SQLITE_PATH"] = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from advisor.advice import scoring
    from advisor.advice.bank import bank_as_data, bank_from_data
    from advisor.bank import store as bank_store
    from advisor.management.commands.seed import FIXTURES

    call_command("migrate", verbosity=0)
    call_command("loaddata", *FIXTURES, verbosity=0)
    data = bank_as_data(bank_store.build_draft())

    rnd = random.Random(1)
    bank = bank_from_data(data)
    sets = [{q.slug: rnd.choice(q.choices).slug for q in bank.questions} for _ in range(args.sets)]

    def score_all(bank) -> None:
        for answers in sets:
            scoring.score(bank, answers)

    fresh = timeit.timeit(lambda: score_all(bank_from_data(data)), number=1) / len(sets)
    warm_bank = bank_from_data(data)
    score_all(warm_bank)
    warm = timeit.timeit(lambda: score_all(warm_bank), number=3) / (3 * len(sets))
    unsure = {q.slug: "unsure" for q in bank.questions if q.choice("unsure")}
    worst = timeit.timeit(lambda: scoring.score(bank_from_data(data), unsure), number=5) / 5
    print(f"{len(sets)} random answer sets on the shipped bank:")
    print(f"  fresh bank: {fresh * 1e3:.3f} ms per set")
    print(f"  warm bank:  {warm * 1e3:.3f} ms per set")
    print(f"  every answer “not sure”, fresh bank: {worst * 1e3:.1f} ms")
    if fresh * 1e3 > args.budget_ms:
        print(f"over the budget of {args.budget_ms} ms per set", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
