"""Typed errors. The library raises them and never prints; the CLI turns each into one sentence."""

from __future__ import annotations


class EtlError(Exception):
    """An error a user can act on: what went wrong, and a hint at what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ParseError(EtlError):
    """A page that cannot be read as any known layout. The message is the quarantine reason."""


class DatabaseMissing(EtlError):
    """No database has been built yet."""


class DatabaseDamaged(EtlError):
    """The database file exists but DuckDB cannot open it."""


class DiskFull(EtlError):
    """A load could not write: the disk (or the file size the system allows) is full."""


class QueryRefused(EtlError):
    """The SQL console refused a statement (writes, file access, several statements...)."""
