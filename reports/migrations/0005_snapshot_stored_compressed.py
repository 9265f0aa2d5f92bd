from django.db import migrations, models


def drop_snapshots(apps, schema_editor):
    # Snapshots are a cache the periodic task rebuilds: dropping them loses nothing.
    apps.get_model("reports", "HotspotSnapshot").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0004_synopsis_written_on_read"),
    ]

    operations = [
        migrations.RunPython(drop_snapshots, migrations.RunPython.noop),
        migrations.RemoveField(model_name="hotspotsnapshot", name="body"),
        migrations.AddField(
            model_name="hotspotsnapshot",
            name="body_gzip",
            field=models.BinaryField(default=b"",
                                     help_text="The GeoJSON FeatureCollection, gzip-compressed"),
            preserve_default=False,
        ),
    ]
