"""The geospatial core: plain Python over shapely, pyproj, h3 and numpy.

Nothing in this package imports Django, DRF, Celery or ``reports``; data comes in as arguments.
"""
