"""The earlier cost rates are no longer read: every result that showed them now carries
them in its own cost book (0014). The model leaves the code here. Its table stays for one
release, so app servers still on the previous code during a deploy can read it, and is
dropped by the release after; its link to the roles is dropped now, so a table the code no
longer knows never stands in the way of deleting a role (or of emptying the tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("advisor", "0014_upgrade_snapshots")]

    operations = [
        migrations.AlterField(
            model_name="costrate",
            name="role",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="rates",
                to="advisor.roleprofile",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CostRate")],
            database_operations=[],
        ),
    ]
