"""Querysets of a fixed shape, compiled to SQL once per process.

A deadline hook asks the same large query on every page that lists what is due
(a UNION of ten parts), and Django spent longer building and compiling it than
the database spent running it. Only the values change from call to call: the
SQL is made once from stand-in values, and each call puts its own values in
their places among the parameters, then reads the rows through the same
compiler (so they are converted as `values()` converts them).

The deadline hooks of every app use it: their queries are asked on every page
that lists deadlines (the dashboard, what's due, the calendar feed, the
handover pack), and building them cost more than running them.
"""

import datetime
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.utils import timezone

# Stand-ins no real argument takes: negative ids, dates and moments a thousand years ago.
_FIRST_ID = -987_654_321
_FIRST_YEAR = 1001

_templates: dict[Hashable, "_Template | None"] = {}
# A parameter's place in Django's SQL, or a percent sign written twice.
_PLACEHOLDERS = re.compile("(%%|%s)")


@dataclass(frozen=True)
class _Template:
    compiler: Any  # the SQLCompiler the SQL came from: it converts the rows as values() would
    sql: str
    params: tuple
    slots: tuple[tuple[int, str, int | None], ...]  # (position among params, argument name, index in it)
    names: tuple[str, ...]
    using: str
    # The compiler's converters of its columns, worked out once (results_iter works them out on every call), or
    # None when a column is composite (results_iter then reads the rows).
    converters: dict | None
    # PostgreSQL: the SQL with every parameter but the slots written in as the client-binding cursor writes it, the
    # SQL of the prepared statement (None: never prepared).
    prepared_sql: str | None = None


def _shape(value) -> Hashable:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("A flag changes the SQL: make it part of the key, not an argument.")
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            raise TypeError(f"A moment must be aware to be stood in for, not {value!r}.")
        return "datetime"
    if isinstance(value, int | datetime.date):
        return type(value).__name__
    if isinstance(value, list | tuple) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return ("ids", len(value))
    raise TypeError(f"Only ids, dates and collections of ids can be stood in for, not {value!r}.")


def _stand_ins(arguments: dict) -> tuple[dict, dict]:
    """Return the arguments with stand-ins in place of values, and {stand-in: (argument name, index)}."""
    count = 0
    replaced: dict = {}
    where: dict = {}
    for name, value in arguments.items():
        if value is None:
            replaced[name] = None
        elif isinstance(value, int):
            replaced[name] = stand_in = _FIRST_ID - count
            where[stand_in] = (name, None)
            count += 1
        elif isinstance(value, datetime.datetime):
            replaced[name] = stand_in = datetime.datetime(_FIRST_YEAR + count, 1, 1, tzinfo=datetime.UTC)
            where[stand_in] = (name, None)
            count += 1
        elif isinstance(value, datetime.date):
            replaced[name] = stand_in = datetime.date(_FIRST_YEAR + count, 1, 1)
            where[stand_in] = (name, None)
            count += 1
        else:
            replaced[name] = stand_ins = [_FIRST_ID - count - i for i in range(len(value))]
            for index, stand_in in enumerate(stand_ins):
                where[stand_in] = (name, index)
            count += len(value)
    return replaced, where


def _adapt(connection, value: datetime.date):
    """Return a date or an aware moment as the database takes it among the parameters (SQLite: text)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return connection.ops.adapt_datefield_value(value)


def _template(build: Callable[..., QuerySet], arguments: dict) -> "_Template | None":
    """Compile build's queryset from stand-ins; None when a value would not be a parameter of its own."""
    replaced, where = _stand_ins(arguments)
    queryset = build(**replaced)
    connection = connections[queryset.db]
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    adapted = {}
    for stand_in, place in where.items():
        adapted[stand_in] = place
        if isinstance(stand_in, datetime.date):
            adapted[_adapt(connection, stand_in)] = place
    slots = []
    seen = set()
    for position, param in enumerate(params):
        if isinstance(param, Hashable) and not isinstance(param, bool) and param in adapted:
            slots.append((position, *adapted[param]))
            seen.add(adapted[param])
    if seen != set(where.values()) or any(str(stand_in) in sql for stand_in in where):
        return None  # a value went into the SQL text itself, or nowhere
    columns = [column[0] for column in compiler.select[0 : compiler.col_count]]
    converters = None if compiler.has_composite_fields(columns) else compiler.get_converters(columns)
    prepared_sql = _inlined(connection, sql, params, slots) if connection.vendor == "postgresql" else None
    return _Template(compiler, sql, tuple(params), tuple(slots), _names(query), queryset.db, converters, prepared_sql)


def _inlined(connection, sql: str, params: list, slots: list) -> str:
    """Return the SQL with the parameters that are not slots written in as literals.

    They are the queryset's own constants (a status, a source's name, a time zone): as literals, as Django's
    client-binding cursor sends them, a generic plan knows them as a plan for those values does (a partial index on
    a status, how common the status is), and they are typed as they always were. Only the values of a call are
    parameters of the prepared statement.
    """
    slot_positions = {position for position, _name, _index in slots}
    pieces, position = [], 0
    for piece in _PLACEHOLDERS.split(sql):
        if piece == "%s":
            literal = connection.ops.compose_sql("%s", [params[position]]).replace("%", "%%")
            pieces.append(piece if position in slot_positions else literal)
            position += 1
        else:
            pieces.append(piece)
    return "".join(pieces)


def _names(query) -> tuple[str, ...]:
    """Return the names of a values() query's columns, in order."""
    return tuple(query.selected or (*query.extra_select, *query.values_select, *query.annotation_select))


def _followed(template: _Template, sql: str, *, before: str = "") -> _Template:
    """Return the template with `before` and `sql` around its SQL (they take parameters of their own, given with
    each call after the template's)."""
    prepared_sql = None if template.prepared_sql is None else f"{before}{template.prepared_sql}{sql}"
    return replace(template, sql=f"{before}{template.sql}{sql}", prepared_sql=prepared_sql)


def _compiled(key: Hashable, build: Callable[..., QuerySet], bounds, values: dict) -> "_Template | None":
    shape = tuple((name, _shape(v)) for name, v in values.items())
    full_key = (key, timezone.get_current_timezone_name(), shape, bounds is not None)
    if full_key not in _templates:
        template = _template(build, values)
        if template is not None and bounds is not None:
            template = _followed(template, " LIMIT %s OFFSET %s")
        _templates[full_key] = template
    return _templates[full_key]


def _cursor(connection, *, prepare: bool) -> tuple[Any, bool]:
    """Return a cursor for a template's SQL, wrapped as connection.cursor() wraps its own (queries logged and
    counted, execute wrappers, errors translated), and whether it prepares the SQL.

    With `prepare`, on PostgreSQL with prepared statements on (the connection has a prepare threshold:
    DB_PREPARED_STATEMENTS in the settings), it binds the values on the server, so that psycopg prepares the SQL on
    its first run on the connection and later runs skip parsing and planning it. Django's own cursors bind on the
    client: they are never prepared.
    """
    if not prepare:
        return connection.cursor(), False
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        return connection.cursor(), False
    server_binding, logged, register_tzloader, timestamptz, _int8 = _postgresql()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = server_binding(connection.connection)
    # As the backend's create_cursor does: moments come in the connection's time zone.
    if connection.timezone != cursor.adapters.get_loader(timestamptz, 0).timezone:
        register_tzloader(connection.timezone, cursor)
    return (logged(cursor, connection) if connection.queries_logged else connection.make_cursor(cursor)), True


@cache
def _postgresql():
    """Return what a server-binding cursor needs from the PostgreSQL backend (imported only when it is used)."""
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, CursorDebugWrapper, ServerBindingCursor
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.types.numeric import Int8

    class LoggedCursor(CursorDebugWrapper):
        """Log a query with its values in the SQL, as Django logs its client-bound queries (last_executed_query
        would give the SQL with $1, $2... in their places): the log can be run again as it is."""

        def execute(self, sql, params=None):
            with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
                return self._execute_with_wrappers(sql, params, many=False, executor=self._execute)

    return ServerBindingCursor, LoggedCursor, register_tzloader, TIMESTAMPTZ_OID, Int8


def _fetched(template: _Template, values: dict, bounds, prepare: bool, after: tuple = ()) -> list[tuple]:
    """Return the template's rows for these values, converted as the queryset converts them; `after`: the
    parameters of what follows the template's SQL (_followed)."""
    connection = connections[template.using]
    calls = []
    for _position, name, index in template.slots:
        value = values[name] if index is None else values[name][index]
        calls.append(_adapt(connection, value) if isinstance(value, datetime.date) else value)
    if bounds is not None:
        start, stop = bounds
        after = (*after, max(stop - start, 0), start)
    cursor, prepared = _cursor(connection, prepare=prepare and template.prepared_sql is not None)
    if prepared:
        # Only the call's values are parameters. The server types an int by its size (int2, int4, int8), and a
        # statement is prepared for each set of types: as int8 each, one statement serves any values.
        int8 = _postgresql()[4]
        sql, params = template.prepared_sql, [int8(v) if type(v) is int else v for v in (*calls, *after)]
    else:
        sql, params = template.sql, list(template.params)
        for (position, _name, _index), value in zip(template.slots, calls, strict=True):
            params[position] = value
        params += after
    with cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if template.converters is None:
        return list(template.compiler.results_iter(results=[rows]))
    if template.converters:
        return list(template.compiler.apply_converters(rows, template.converters))
    return rows


def _values(arguments: dict) -> dict:
    return {name: sorted(value) if isinstance(value, set | frozenset) else value for name, value in arguments.items()}


def _uncompiled(build: Callable[..., QuerySet], values: dict, bounds) -> list[dict]:
    """Return the rows of build(**values) as the queryset gives them (a shape that cannot be compiled once)."""
    queryset = build(**values)
    return list(queryset if bounds is None else queryset[bounds[0] : bounds[1]])


def template_rows(
    key: Hashable,
    build: Callable[..., QuerySet],
    *,
    bounds: tuple[int, int] | None = None,
    prepare: bool = True,
    **arguments,
) -> list[dict]:
    """Return the rows of build(**arguments), a values() queryset, as dicts; its SQL is compiled once per shape.

    `build` must make the same SQL for any values of the same shape (None or not, how many ids): ids,
    dates, aware moments and collections of ids are its only arguments, and nothing else it reads may change (the
    time zone and the database are part of the key). With bounds (start, stop), only the rows [start:stop], as a
    slice of the queryset gives them: the bounds are parameters of the SQL (a slice writes them into its text).

    On PostgreSQL the SQL is a prepared statement of the connection: parsed once per connection, and planned for
    each call's values (PG_PLAN_CACHE_MODE, force_custom_plan) unless PostgreSQL is let keep one generic plan for
    any values (auto). `prepare=False` for a query whose best plan depends on its values under `auto` (a date
    range that covers every row for one call and a week for another, which a generic plan takes for a narrow one):
    it is then parsed and planned for each call, as the ORM's queries are.
    """
    values = _values(arguments)
    template = _compiled(key, build, bounds, values)
    if template is None:
        return _uncompiled(build, values, bounds)
    names, indexes = template.names, range(len(template.names))
    return [{names[i]: row[i] for i in indexes} for row in _fetched(template, values, bounds, prepare)]


def template_tuples(
    key: Hashable,
    build: Callable[..., QuerySet],
    *,
    columns: tuple[str, ...],
    bounds: tuple[int, int] | None = None,
    prepare: bool = True,
    **arguments,
) -> list[Sequence]:
    """Return what template_rows returns, each row as a sequence of its values in the order of `columns`.

    For a caller that reads every row of a long result: a dict per row cost more than the query. `columns` names
    the queryset's columns in its own order, and is checked against it; each row is as the compiler gives it, a
    tuple straight from the database where no column needs converting, a list where one does.
    """
    values = _values(arguments)
    template = _compiled(key, build, bounds, values)
    if template is None:
        return [tuple(row[name] for name in columns) for row in _uncompiled(build, values, bounds)]
    if template.names != columns:
        raise ValueError(f"{key!r} gives the columns {template.names}, not {columns}.")
    return _fetched(template, values, bounds, prepare)


def template_wrapped_rows(
    key: Hashable,
    build: Callable[..., QuerySet],
    *,
    outer: str,
    outer_names: tuple[str, ...],
    outer_params: tuple = (),
    prepare: bool = True,
    **arguments,
) -> list[dict]:
    """Return the rows of `outer`, a query over the rows of build(**arguments) (a values() queryset, compiled once
    per shape as template_rows's) named `inner_rows_`, as dicts: build's columns, then those `outer` adds.

    `outer` selects every column of `inner_rows_` first, in their order, then the columns `outer_names`; its
    `outer_params` (dates and aware moments as the database takes them) follow build's. build's columns are
    converted as `values()` converts them; the others come as the database gives them (counts: ints). A query
    that can match nothing (an empty `__in`) gives no rows.
    """
    values = _values(arguments)
    template = _compiled(key, build, None, values)
    if template is None:
        queryset = build(**values)
        compiler = queryset.query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return []
        template = _Template(compiler, sql, tuple(params), (), _names(queryset.query), queryset.db, None)
    connection = connections[template.using]
    adapted = tuple(_adapt(connection, value) if isinstance(value, datetime.date) else value for value in outer_params)
    wrapped = _followed(template, f") {outer}", before="WITH inner_rows_ AS (")
    names = (*template.names, *outer_names)
    indexes = range(len(names))
    return [{names[i]: row[i] for i in indexes} for row in _fetched(wrapped, values, None, prepare, adapted)]


def template_objects(key: Hashable, build: Callable[..., QuerySet], *, prepare: bool = True, **arguments) -> list:
    """Return the model instances of build(**arguments), a queryset of models, as iterating it gives them (with
    the objects it selects related and its annotations); its SQL is compiled once per shape, as `template_rows`'s.
    """
    values = _values(arguments)
    template = _compiled(key, build, None, values)
    if template is None:
        return list(build(**values))
    compiler = template.compiler
    klass_info, select = compiler.klass_info, compiler.select
    model, fields = klass_info["model"], klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    attnames = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, template.using)
    objects = []
    for row in _fetched(template, values, None, prepare):
        obj = model.from_db(template.using, attnames, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        for name, position in compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        objects.append(obj)
    return objects
