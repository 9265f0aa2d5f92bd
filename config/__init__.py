# Import the Celery app so that shared_task uses it whenever Django starts.
from config.celery_app import app as celery_app

__all__ = ("celery_app",)
