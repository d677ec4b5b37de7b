from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def module_rows(django_db_blocker, build):
    """Rows shared by every test of a module: built once inside an outer transaction that is rolled back
    at the end. Each test (pytest-django's ``db``) runs in a savepoint inside it, so what one request
    changes is undone before the next."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
