"""The raw archive: every input, byte for byte, addressed by its SHA-256.

Nothing a user gives us is lost: `etl load` and the crawler put every file here before
anything parses it, and `etl rebuild` recreates the database from this folder alone.

Layout under `data/raw/`:
    objects/ab/abcdef...      the bytes (written to a temp file, fsynced, then renamed)
    manifest.jsonl            one JSON line per accepted input (see Entry), append-only

A file whose bytes are already archived is not stored again; a manifest line is only added
for new content, so putting the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from etl.errors import EtlError


@dataclass(frozen=True)
class Entry:
    """One manifest line: what we know of an input besides its bytes."""

    sha256: str
    file_name: str  # the name it came under (a path as given, or a URL's path for crawls)
    size_bytes: int
    observed_at: str  # ISO 8601 UTC: when the page's numbers (views) were true
    observed_from: str  # "manifest" (crawl time) | "file_mtime"
    url: str | None = None
    status: int | None = None  # HTTP status, for crawled pages
    etag: str | None = None
    last_modified: str | None = None
    added_at: str = ""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class RawArchive:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.manifest = root / "manifest.jsonl"

    def path_of(self, sha: str) -> Path:
        return self.objects / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path_of(sha).exists()

    def read(self, sha: str) -> bytes:
        try:
            return self.path_of(sha).read_bytes()
        except OSError as exc:
            raise EtlError(f"raw archive object {sha} cannot be read: {exc.strerror}") from exc

    def put(
        self,
        data: bytes,
        *,
        file_name: str,
        observed_at: datetime,
        observed_from: str,
        url: str | None = None,
        status: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        known: dict[str, Entry] | None = None,
        sha: str | None = None,
    ) -> tuple[Entry, bool]:
        """Store bytes once. Returns the entry and whether it was new.

        `known` is the caller's map of archived hashes to their entries (from entries(), or
        only the lines since a load when the database answers for the rest), kept up to date
        here, so a bulk load neither reads the manifest nor stats the disk per file. Inside
        `with archive.bulk():` the manifest stays open and everything is made durable once,
        at the end, instead of one fsync per file. `sha` is the caller's sha256 of `data`, if it
        has one already.
        """
        sync = self._bulk is None
        sha = sha or sha256_of(data)
        if known is not None:
            if sha in known:
                return known[sha], False
        elif self._in_manifest(sha):
            return self._entry_for(sha), False
        entry = Entry(
            sha256=sha,
            file_name=file_name,
            size_bytes=len(data),
            observed_at=utc_iso(observed_at),
            observed_from=observed_from,
            url=url,
            status=status,
            etag=etag,
            last_modified=last_modified,
            added_at=utc_iso(datetime.now(UTC)),
        )
        target = self.path_of(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not self._swept:
            self._sweep_temps()
        if not target.exists():
            tmp = target.with_name(f".{sha}.{os.getpid()}.tmp")
            try:
                with open(tmp, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    if sync:
                        os.fsync(fh.fileno())
                os.replace(tmp, target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise EtlError(
                    f"cannot write {file_name} into the raw archive {self.root}: {exc.strerror}",
                    "free some disk space and run the load again; nothing was changed",
                ) from exc
        self._append(entry)
        if known is not None:
            known[sha] = entry
        self._cache = None
        return entry, True

    _bulk: IO[bytes] | None = None
    _swept = False

    def _sweep_temps(self) -> None:
        """Remove half-written objects left by a process that was killed mid-write."""
        self._swept = True
        for tmp in self.objects.glob("*/.*.tmp"):
            pid = tmp.name.rsplit(".", 2)[-2]
            if pid.isdigit() and not _alive(int(pid)):
                tmp.unlink(missing_ok=True)

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many puts, one manifest handle, one durability point (os.sync) at the end."""
        self._bulk = self._open_manifest()
        try:
            yield
            self._bulk.flush()
            os.sync()  # objects and manifest durable before any database row refers to them
        except OSError as exc:
            raise self._write_error(exc) from exc
        finally:
            self._bulk.close()
            self._bulk = None

    def _open_manifest(self) -> IO[bytes]:
        self.root.mkdir(parents=True, exist_ok=True)
        size = self.manifest.stat().st_size if self.manifest.exists() else 0
        fh = open(self.manifest, "a+b")  # noqa: SIM115 - closed by bulk() or _append()
        if size:
            fh.seek(size - 1)
            if fh.read(1) != b"\n":
                fh.write(b"\n")  # a crash tore the last line: start ours on a line of its own
        return fh

    def _write_error(self, exc: OSError) -> EtlError:
        return EtlError(
            f"cannot write into the raw archive {self.root}: {exc.strerror}",
            "free some disk space and run the load again; the database was not changed",
        )

    def _append(self, entry: Entry) -> None:
        line = (json.dumps(vars(entry), ensure_ascii=False, sort_keys=True) + "\n").encode()
        try:
            if self._bulk is not None:
                self._bulk.write(line)
                return
            with self._open_manifest() as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise self._write_error(exc) from exc

    _cache: dict[str, Entry] | None = None

    def _index(self) -> dict[str, Entry]:
        if self._cache is None:
            self._cache = {e.sha256: e for e in self.entries()}
        return self._cache

    def _in_manifest(self, sha: str) -> bool:
        return sha in self._index() and self.has(sha)

    def _entry_for(self, sha: str) -> Entry:
        return self._index()[sha]

    def entries(self) -> Iterator[Entry]:
        """Manifest entries in the order they were archived; a torn last line is skipped."""
        yield from self.tail(0)[0]

    def tail(self, start: int) -> tuple[list[Entry], int]:
        """The entries of the manifest's complete lines from byte `start` on, and the byte
        offset after the last of them: where the next read can start.

        A load remembers that offset, so it reads only what was archived since (the whole
        manifest is one line per input ever archived: ~20 s to read per million lines). A
        `start` that is not a line boundary of this file (the archive was replaced) reads
        it all again.
        """
        if not self.manifest.exists():
            return [], 0
        found: list[Entry] = []
        seen: set[str] = set()
        with open(self.manifest, "rb") as fh:
            if start > 0:
                fh.seek(start - 1)
                if fh.read(1) != b"\n":
                    start = 0
            fh.seek(start)
            end = start
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a crash mid-append: the next append starts a fresh line
                end += len(raw)
                try:
                    entry = Entry(**json.loads(raw))
                except (ValueError, TypeError):
                    continue
                if entry.sha256 not in seen and self.has(entry.sha256):
                    seen.add(entry.sha256)
                    found.append(entry)
        return found, end


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
