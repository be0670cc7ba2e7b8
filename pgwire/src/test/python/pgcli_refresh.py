"""Runs pgcli's completion refresh against a FunnelSQL PostgreSQL wire server, as pgcli does in the background when
it connects: its own PGExecute (psycopg 3) asks for the search path, schemas, tables, views, their columns,
functions, data types, foreign keys and databases.

Usage: pgcli_refresh.py <host> <port> <user>
Prints one JSON object: for each refresh step either its rows (lists) or the error it raised. The JUnit test
(PgcliClientTest) checks it.
"""
import json
import sys

from pgcli.pgexecute import PGExecute


def main():
    host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    executor = PGExecute(database="funnelsql", user=user, password=None, host=host, port=port, dsn=None)
    steps = {
        "search_path": lambda: executor.search_path(),
        "schemata": lambda: list(executor.schemata()),
        "tables": lambda: list(executor.tables()),
        "views": lambda: list(executor.views()),
        "table_columns": lambda: list(executor.table_columns()),
        "view_columns": lambda: list(executor.view_columns()),
        "functions": lambda: [f.func_name for f in executor.functions()],
        "datatypes": lambda: list(executor.datatypes()),
        "foreignkeys": lambda: list(executor.foreignkeys()),
        "databases": lambda: list(executor.databases()),
    }
    result = {}
    for name, step in steps.items():
        try:
            result[name] = [list(row) if isinstance(row, tuple) else row for row in step()]
        except Exception as e:  # pylint: disable=broad-except
            result[name] = {"error": type(e).__name__ + ": " + str(e).splitlines()[0]}
            executor.conn.rollback()
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
