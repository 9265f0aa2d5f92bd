"""An explicit version number per kind of data, bumped by the database on every write.

Caches that depend on what the data looks like (hotspot maps, the in-process reference-data
bundle) key themselves on :func:`data_version`. It changes with every committed insert, update
or delete of a tracked table, however it was made.

Why triggers rather than a counter bumped from Python: ``QuerySet.update``, ``bulk_create``,
``bulk_update``, ``delete``, a plain ``save()`` in the admin, raw SQL and a psql session all
write without passing through one Python function, so any Python-side counter misses some of
them (the guessing it replaces — highest id, latest timestamp, row count — missed edits and
deletes). A trigger sees every write. The tables are created by migration 0006 and are not
Django models: they are part of the schema's machinery, like the triggers.

* **SQLite** has one writer at a time, so a row trigger simply bumps the counter row
  (about 1 µs per row written).
* **PostgreSQL**: a ``BEFORE`` row trigger marks the transaction once (a transaction-local
  setting, checked in the trigger's ``WHEN`` so later rows cost nothing, plus one row in
  ``reports_dataversion_pending``); a deferred constraint trigger on that row bumps the counter
  at commit. The counter row is locked only for the instant of the commit, so an import, the
  worker and intake are not serialised behind each other for the length of their transactions
  (nor can they deadlock on it), and a 100,000-row statement costs one bump. A statement that
  matches no row bumps nothing.
* The number becomes ``max(previous + 1, now in µs)``: a number seen inside a transaction that
  then rolled back is not handed out again for different data.

SQLite rebuilds a table to alter it, which drops its triggers; :func:`triggers_ensure` runs
after every ``migrate`` (``post_migrate``) and puts them back.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

# name -> the tables whose writes change it (the models' db_table; a test keeps them in step).
TRACKED: dict[str, tuple[str, ...]] = {
    "reports": ("reports_report",),
    "reference": ("reports_runway", "reports_navaid", "reports_airspacezone"),
}
_COUNTER = "reports_dataversion"
_PENDING = "reports_dataversion_pending"
_BUMP_TRIGGER = "reports_dataversion_bump"

_SQLITE_BUMP = f"""
INSERT INTO {_COUNTER} (name, version)
VALUES ('{{name}}', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (name) DO UPDATE SET version = max(version + 1, excluded.version);
"""

_POSTGRES_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {_PENDING} (name varchar(32) NOT NULL);
CREATE OR REPLACE FUNCTION reports_dataversion_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('skywatch_dataversion.' || TG_ARGV[0], true) IS DISTINCT FROM 'pending'
    THEN
        PERFORM set_config('skywatch_dataversion.' || TG_ARGV[0], 'pending', true);
        INSERT INTO {_PENDING} (name) VALUES (TG_ARGV[0]);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;  -- NULL for TRUNCATE (a statement trigger, whose result is ignored)
END $$;
CREATE OR REPLACE FUNCTION reports_dataversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {_COUNTER} (name, version)
    VALUES (NEW.name, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT (name) DO UPDATE SET version = greatest({_COUNTER}.version + 1, excluded.version);
    PERFORM set_config('skywatch_dataversion.' || NEW.name, '', true);
    DELETE FROM {_PENDING} WHERE ctid = NEW.ctid;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS {_BUMP_TRIGGER} ON {_PENDING};
CREATE CONSTRAINT TRIGGER {_BUMP_TRIGGER} AFTER INSERT ON {_PENDING}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reports_dataversion_bump();
"""

_POSTGRES_TABLE = """
CREATE OR REPLACE TRIGGER {table}_dataversion BEFORE INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW
    WHEN (current_setting('skywatch_dataversion.{name}', true) IS DISTINCT FROM 'pending')
    EXECUTE FUNCTION reports_dataversion_mark('{name}');
CREATE OR REPLACE TRIGGER {table}_dataversion_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION reports_dataversion_mark('{name}');
"""


def _statements(connection: BaseDatabaseWrapper) -> list[str]:
    create = (
        f"CREATE TABLE IF NOT EXISTS {_COUNTER} "
        "(name varchar(32) NOT NULL PRIMARY KEY, version bigint NOT NULL)"
    )
    if connection.vendor == "sqlite":
        out = [create]
        for name, tables in TRACKED.items():
            bump = _SQLITE_BUMP.format(name=name)
            out += [
                f"CREATE TRIGGER IF NOT EXISTS {table}_dataversion_{event.lower()} "
                f"AFTER {event} ON {table} BEGIN {bump} END"
                for table in tables
                for event in ("INSERT", "UPDATE", "DELETE")
            ]
        return out
    if connection.vendor == "postgresql":
        per_table = [
            _POSTGRES_TABLE.format(table=table, name=name)
            for name, tables in TRACKED.items()
            for table in tables
        ]
        return [create, _POSTGRES_SCHEMA, *per_table]
    raise NotImplementedError(f"data versions need SQLite or PostgreSQL, not {connection.vendor}")


def triggers_install(connection: BaseDatabaseWrapper) -> None:
    """Create the counter tables and the triggers (idempotent)."""
    with connection.cursor() as cursor:
        for sql in _statements(connection):
            cursor.execute(sql)


def triggers_uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for tables in TRACKED.values():
            for table in tables:
                if connection.vendor == "sqlite":
                    for event in ("insert", "update", "delete"):
                        cursor.execute(f"DROP TRIGGER IF EXISTS {table}_dataversion_{event}")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_dataversion ON {table}")
                    cursor.execute(
                        f"DROP TRIGGER IF EXISTS {table}_dataversion_truncate ON {table}"
                    )
        cursor.execute(f"DROP TABLE IF EXISTS {_PENDING}")
        cursor.execute(f"DROP TABLE IF EXISTS {_COUNTER}")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS reports_dataversion_mark()")
            cursor.execute("DROP FUNCTION IF EXISTS reports_dataversion_bump()")


def triggers_ensure(*, using: str = DEFAULT_DB_ALIAS, **_: Any) -> None:
    """Re-create missing triggers once migration 0006 has made the counter table (the
    ``post_migrate`` receiver: a later migration that rebuilds a SQLite table drops them)."""
    connection = connections[using]
    if _COUNTER in connection.introspection.table_names():
        triggers_install(connection)


def data_version(name: str, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """The current version of ``name`` (a key of :data:`TRACKED`): equal numbers mean no
    committed write to its tables in between. 0 before the first write."""
    if name not in TRACKED:
        raise ValueError(f"unknown data {name!r}: one of {', '.join(TRACKED)}")
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # This transaction's own writes bump at its commit; fire that now so it reads them.
            cursor.execute(f"SET CONSTRAINTS {_BUMP_TRIGGER} IMMEDIATE")
            cursor.execute(f"SET CONSTRAINTS {_BUMP_TRIGGER} DEFERRED")
        cursor.execute(f"SELECT version FROM {_COUNTER} WHERE name = %s", [name])
        row = cursor.fetchone()
    return int(row[0]) if row else 0
