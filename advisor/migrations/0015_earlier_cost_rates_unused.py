"""The earlier cost rates are no longer read: every result that showed them now carries
them in its own cost book (0014). The model leaves the code here; its table stays for one
release, so app servers still on the previous code during a deploy can read it, and is
dropped by the release after."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("advisor", "0014_upgrade_snapshots")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CostRate")],
            database_operations=[],
        )
    ]
