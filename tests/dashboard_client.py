"""A real dashboard server on 127.0.0.1 and a minimal client of Streamlit's own protocol.

Why not plain HTTP: GET / returns the same static HTML whatever the data; a page is rendered
only when a client asks over the websocket (/_stcore/stream) with a BackMsg `rerun_script`.
This client does what the browser does - sends that message with the page's URL path and
query string - and reads ForwardMsgs until the script run finishes, keeping the text of the
elements (metrics, markdown, alerts, exceptions) so a test can check what a user would see.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect

from etl.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FINISHED = ForwardMsg.ScriptFinishedStatus


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def dashboard_server(settings: Settings, timeout: float = 60) -> Iterator[int]:
    """`streamlit run dashboard/app.py` on a free local port against `settings`; the port."""
    port = free_port()
    env = {
        **os.environ,
        "ENGAGEMENT_DB": str(settings.db_path),
        "ENGAGEMENT_RAW": str(settings.raw_dir),
    }
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"the dashboard did not start on port {port}")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Render:
    """What one page run showed."""

    page: str
    seconds: float = 0.0
    metrics: dict[str, str] = field(default_factory=dict)  # label -> shown value
    texts: list[str] = field(default_factory=list)  # markdown, captions, headings, alerts
    errors: list[str] = field(default_factory=list)  # exceptions and st.error alerts
    finished: bool = False


class Session:
    """One browser tab's worth of dashboard session over the websocket."""

    def __init__(self, port: int, timeout: float = 120) -> None:
        self.timeout = timeout
        self.ws: ClientConnection = connect(
            f"ws://127.0.0.1:{port}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            open_timeout=timeout,
            legacy=True,  # closed by close(), not a with-block: a session outlives one call
        )

    def close(self) -> None:
        self.ws.close()

    def render(self, page: str, query: str = "") -> Render:
        """Run `page` with the URL query string; return what the finished run showed."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.query_string = query
        started = time.monotonic()
        self.ws.send(msg.SerializeToString())
        out = Render(page)
        deadline = started + self.timeout
        while time.monotonic() < deadline:
            fwd = ForwardMsg()
            fwd.ParseFromString(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":  # a (re)run starts: what came before is superseded
                out = Render(page)
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                _keep(out, fwd.delta.new_element)
            elif kind == "script_finished":
                if fwd.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app rewrote its URL and reruns: wait for that run
                out.finished = fwd.script_finished == FINISHED.FINISHED_SUCCESSFULLY
                if not out.finished:
                    out.errors.append(f"script finished with status {fwd.script_finished}")
                break
        else:
            out.errors.append(f"no answer within {self.timeout} s")
        out.seconds = time.monotonic() - started
        return out


def _keep(out: Render, element: object) -> None:
    kind = element.WhichOneof("type")  # type: ignore[attr-defined]
    if kind == "metric":
        out.metrics[element.metric.label] = element.metric.body  # type: ignore[attr-defined]
    elif kind == "markdown":
        out.texts.append(element.markdown.body)  # type: ignore[attr-defined]
    elif kind == "heading":
        out.texts.append(element.heading.body)  # type: ignore[attr-defined]
    elif kind == "alert":
        body = element.alert.body  # type: ignore[attr-defined]
        out.texts.append(body)
        if element.alert.format == element.alert.ERROR:  # type: ignore[attr-defined]
            out.errors.append(body)
    elif kind == "exception":
        out.errors.append(element.exception.message)  # type: ignore[attr-defined]
