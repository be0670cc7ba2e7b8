"""Drives a FunnelSQL PostgreSQL wire server the way Superset's database stack does (SQLAlchemy 1.4 + psycopg2).

Usage: superset_stack.py <sqlalchemy url> <schema with the model's funnels>
Prints one JSON object with what the Inspector reflected and what the chart queries returned; the JUnit test
(SqlAlchemyClientTest) checks it. Exits non-zero with the error on stderr if anything fails.
"""
import json
import sys

import sqlalchemy
from sqlalchemy import create_engine, inspect, text


def main():
    url, funnel_schema = sys.argv[1], sys.argv[2]
    engine = create_engine(url)
    result = {"sqlalchemy": sqlalchemy.__version__}
    inspector = inspect(engine)
    result["server_version_info"] = list(engine.dialect.server_version_info)
    schemas = inspector.get_schema_names()
    result["schemas"] = schemas
    result["tables"] = {s: inspector.get_table_names(schema=s) for s in schemas}
    result["views"] = {s: inspector.get_view_names(schema=s) for s in schemas}
    reflected = {}
    for schema in schemas:
        for name in result["tables"][schema] + result["views"][schema]:
            reflected[schema + "." + name] = {
                "columns": [[c["name"], str(c["type"]), c["nullable"]] for c in
                            inspector.get_columns(name, schema=schema)],
                "pk": inspector.get_pk_constraint(name, schema=schema)["constrained_columns"],
                "fks": inspector.get_foreign_keys(name, schema=schema),
                "indexes": inspector.get_indexes(name, schema=schema),
                "unique": inspector.get_unique_constraints(name, schema=schema),
                "comment": inspector.get_table_comment(name, schema=schema)["text"],
            }
    result["reflected"] = reflected
    result["view_definition"] = inspector.get_view_definition("checkout_summary", schema=funnel_schema)
    with engine.connect() as connection:
        # Superset's engine spec: catalogs, SQL Lab's schema prequery, cancel support, then a funnel chart.
        result["databases"] = [r[0] for r in connection.execute(
            text("SELECT datname FROM pg_database WHERE datistemplate = false;"))]
        connection.execute(text('set search_path = "%s"' % funnel_schema))
        result["current_schema"] = connection.execute(text("select current_schema()")).scalar()
        result["backend_pid"] = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        result["funnel_chart"] = [list(r) for r in connection.execute(text(
            'SELECT step_label AS step_label, sum(users) AS "SUM(users)" FROM %s.checkout_summary '
            "WHERE segment IS NULL GROUP BY step_label ORDER BY \"SUM(users)\" DESC LIMIT 10" % funnel_schema))]
        result["unqualified"] = connection.execute(text(
            "SELECT count(*) AS count FROM checkout_summary")).scalar()
        rows = connection.execute(text(
            "SELECT DATE_TRUNC('week', reached_at) AS __timestamp, COUNT(*) AS count FROM %s.checkout "
            "WHERE reached_at >= TO_TIMESTAMP('2026-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') "
            "AND reached_at < TO_TIMESTAMP('2026-03-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') "
            "GROUP BY DATE_TRUNC('week', reached_at) ORDER BY count DESC LIMIT 10000" % funnel_schema))
        result["weekly"] = [[r[0].isoformat(), r[1]] for r in rows]
        result["now_trunc"] = str(connection.execute(text("SELECT DATE_TRUNC('day', now()) AS __timestamp LIMIT 1"))
                                  .scalar())
        try:
            connection.execute(text("DELETE FROM %s.checkout" % funnel_schema))
            result["write"] = "accepted"
        except sqlalchemy.exc.DBAPIError as error:
            result["write"] = error.orig.pgcode
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
