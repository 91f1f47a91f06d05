"""ETL and read layer for the Decentralization portal's engagement analytics.

`from etl import connect, queries` is the notebook entry point: a read-only connection to the
current database and the named queries that the dashboard and the weekly export also use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from etl import queries  # noqa: E402
from etl.db import connect  # noqa: E402

__all__ = ["__version__", "connect", "queries"]
