"""Reads a funnel chart through the wire server the way analysts do in Python: psycopg 3 (Debian's python3-psycopg)
with a server-side bound parameter and a named (server-side) cursor, and pandas (python3-pandas) through SQLAlchemy
and psycopg2, with read_sql and read_sql_table.

Usage: analyst_clients.py <host> <port> <user>
Prints one JSON object with what each returned; the JUnit test (AnalystClientsTest) checks it.
"""
import datetime
import json
import sys

import pandas
import psycopg
from sqlalchemy import create_engine, text

CHART = "SELECT step_label, users FROM funnels.checkout_chart ORDER BY step_label"


def main():
    host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    result = {"psycopg": psycopg.__version__, "pandas": pandas.__version__}
    with psycopg.connect(host=host, port=port, user=user, dbname="funnelsql") as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT step_label, users FROM funnels.checkout_chart WHERE entered_at >= %s "
                        "ORDER BY step_label", [datetime.datetime(2000, 1, 1)])
            result["psycopg_bound"] = [list(row) for row in cur.fetchall()]
        with conn.cursor(name="pieces") as cur:
            cur.itersize = 3
            cur.execute(CHART)
            result["psycopg_named"] = [list(row) for row in cur]
    engine = create_engine("postgresql+psycopg2://%s@%s:%d/funnelsql" % (user, host, port))
    frame = pandas.read_sql(text(CHART), engine)
    result["read_sql"] = {"columns": list(frame.columns), "rows": frame.values.tolist()}
    table = pandas.read_sql_table("checkout_chart", engine, schema="funnels")
    result["read_sql_table"] = {"columns": list(table.columns), "rows": len(table)}
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
