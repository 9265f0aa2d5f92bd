"""Publication follows the workflow status; an export permission; exports can expire.

Before this, ``published_at`` could be typed in the admin and public outputs selected on it
alone. The data step clears a ``published_at`` the workflow did not set: on a report that is
neither published nor closed, or closed without ever having a ``published`` event.
"""

from django.db import migrations, models


def clear_unpublished_dates(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    ReportEvent = apps.get_model("reports", "ReportEvent")
    stamped = Report.objects.filter(published_at__isnull=False)
    stamped.exclude(status__in=("published", "closed")).update(published_at=None)
    published_once = ReportEvent.objects.filter(to_status="published").values("report_id")
    stamped.filter(status="closed").exclude(pk__in=published_once).update(published_at=None)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_replay_scoped_to_client"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="report",
            options={
                "ordering": ["-received_at"],
                "permissions": [
                    ("export_report", "Can export reports (CSV, XLSX, GeoJSON, GeoPackage)")
                ],
            },
        ),
        migrations.AlterField(
            model_name="export",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Pending"),
                    ("running", "Running"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                    ("expired", "Expired"),
                ],
                db_index=True,
                default="pending",
                max_length=8,
            ),
        ),
        migrations.RunPython(clear_unpublished_dates, migrations.RunPython.noop),
    ]
