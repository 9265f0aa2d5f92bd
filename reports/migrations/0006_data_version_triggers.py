"""Data versions bumped by triggers on every write (see reports/dataversion.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from reports.dataversion import triggers_install

    triggers_install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from reports.dataversion import triggers_uninstall

    triggers_uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0005_snapshot_stored_compressed"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
