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
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

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
        known: set[str] | None = None,
        sync: bool = True,
    ) -> tuple[Entry, bool]:
        """Store bytes once. Returns the entry and whether it was new.

        `known` is the caller's set of archived hashes (from entries()), kept up to date here,
        so a bulk load does not stat the disk per file. A bulk caller passes sync=False and
        calls sync() once at the end instead of paying one fsync per file.
        """
        sha = sha256_of(data)
        if (sha in known) if known is not None else self._in_manifest(sha):
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
        self._append(entry, sync)
        if known is not None:
            known.add(sha)
        self._cache = None
        return entry, True

    def sync(self) -> None:
        """Make everything put with sync=False durable (one flush for a bulk load)."""
        os.sync()

    def _append(self, entry: Entry, sync: bool) -> None:
        line = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n"
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            size = self.manifest.stat().st_size if self.manifest.exists() else 0
            with open(self.manifest, "a+b") as fh:
                if size:
                    fh.seek(size - 1)
                    if fh.read(1) != b"\n":
                        line = "\n" + line  # a crash tore the last line: keep ours whole
                fh.write(line.encode("utf-8"))
                fh.flush()
                if sync:
                    os.fsync(fh.fileno())
        except OSError as exc:
            raise EtlError(
                f"cannot append to {self.manifest}: {exc.strerror}",
                "free some disk space and run the load again",
            ) from exc

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
        if not self.manifest.exists():
            return
        with open(self.manifest, encoding="utf-8") as fh:
            seen: set[str] = set()
            for line in fh:
                try:
                    entry = Entry(**json.loads(line))
                except (ValueError, TypeError):
                    continue  # a crash mid-append leaves at most one partial line
                if entry.sha256 not in seen and self.has(entry.sha256):
                    seen.add(entry.sha256)
                    yield entry
