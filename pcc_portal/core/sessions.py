"""Sessions kept in the database as Django's db engine keeps them, read by SQL compiled once.

Every signed-in request reads its session. Building and compiling that one-row ORM
query cost about as much CPU as the rest of the session machinery; the statement is
always the same, so Django compiles it once per process and it is only run here.
The table, the rows and their encoding are Django's: sessions move freely between
this engine and django.contrib.sessions.backends.db.
"""

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

_KEY, _NOW = "stand-in session key", timezone.now()


@functools.cache
def _read(alias: str, model) -> tuple[str, int, int]:
    """Return the SQL of the read, with the positions of the key and the time among its parameters."""
    rows = model.objects.using(alias).filter(session_key=_KEY, expire_date__gt=_NOW).values_list("session_data")
    sql, params = rows.query.get_compiler(alias).as_sql()
    return sql, params.index(_KEY), 1 - params.index(_KEY)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        """Return the unexpired session row of this key (only its data), or None and forget the key."""
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        sql, key_at, now_at = _read(alias, model)
        params = [None, None]
        params[key_at] = self.session_key
        params[now_at] = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
