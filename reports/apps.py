from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Drone sighting reports"

    def ready(self) -> None:
        from reports.dataversion import triggers_ensure

        # Schema upkeep, not business flow: SQLite drops a table's triggers when a migration
        # rebuilds it, so put the data-version triggers back after every migrate.
        post_migrate.connect(triggers_ensure, sender=self)
