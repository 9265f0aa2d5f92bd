# Replay protection scoped to its client (issue 17).
#
# Idempotency keys become unique per client (scope = keyed hash of the client address, plus the
# user when signed in) instead of globally; rows written before have scope "" and so are never
# replayed to anyone again (their reports exist; a retry after the upgrade files anew).
# Form tokens record the session that first sent them and a hash of what was sent, so only that
# session sending the same details is a replay. Published narratives are passed once more through
# the one redaction every path now uses (e-mails, phones, names, callsigns), so FAA records
# published before it lose what the callsign-only pass left. Numbered 0008 to leave room for
# other branches; the chain is fixed on merge.

from django.db import migrations, models


def redact_published_narratives(apps, schema_editor):
    from reports.services.redaction import narrative_redact

    Report = apps.get_model("reports", "Report")
    changed = []
    rows = (
        Report.objects.filter(status="published")
        .exclude(narrative_redacted="")
        .only("pk", "narrative_redacted")
    )
    for report in rows.iterator(chunk_size=2000):
        redacted = narrative_redact(report.narrative_redacted)
        if redacted != report.narrative_redacted:
            report.narrative_redacted = redacted
            changed.append(report)
    Report.objects.bulk_update(changed, ["narrative_redacted"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0006_data_version_triggers'),
    ]

    operations = [
        migrations.AddField(
            model_name='formsubmission',
            name='request_hash',
            field=models.CharField(blank=True, default='', max_length=64),
        ),
        migrations.AddField(
            model_name='formsubmission',
            name='scope',
            field=models.CharField(blank=True, default='', max_length=64),
        ),
        migrations.AddField(
            model_name='idempotencyrecord',
            name='scope',
            field=models.CharField(blank=True, default='', max_length=80),
        ),
        migrations.AlterField(
            model_name='idempotencyrecord',
            name='key',
            field=models.CharField(max_length=255),
        ),
        migrations.AddConstraint(
            model_name='idempotencyrecord',
            constraint=models.UniqueConstraint(fields=('scope', 'key'), name='idempotency_key_per_client'),
        ),
        migrations.RunPython(redact_published_narratives, migrations.RunPython.noop),
    ]
