"""ETL and read layer for the Decentralization portal's engagement analytics.

`from etl import connect, queries` is the notebook entry point: a read-only connection to the
current database and the named queries that the dashboard and the weekly export also use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from etl import queries
from etl.db import connect

__all__ = ["__version__", "connect", "queries"]
