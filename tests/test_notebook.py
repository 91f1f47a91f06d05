"""notebooks/explore.ipynb runs top to bottom against the test database and draws its charts.

The kernel is this interpreter (the .venv's), through a kernel spec written for the test and
put first on JUPYTER_PATH, so a user's own `python3` kernel elsewhere cannot be picked up. The
kernel talks to this process over 127.0.0.1 only; the charts use Plotly's MIME type, which
needs no internet.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient

from etl.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
PLOTLY = "application/vnd.plotly.v1+json"


def _make_notebook_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_notebook", ROOT / "scripts/make_notebook.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_notebook_is_what_the_script_writes_without_outputs() -> None:
    assert NOTEBOOK.read_text(encoding="utf-8") == _make_notebook_module().render(), (
        "notebooks/explore.ipynb differs from scripts/make_notebook.py: edit the script and "
        "run `.venv/bin/python scripts/make_notebook.py`"
    )


def _points(trace: dict[str, Any]) -> int:
    """How many values a trace plots on x or y (Plotly may ship them base64-encoded)."""
    count = 0
    for axis in ("x", "y"):
        values = trace.get(axis)
        if isinstance(values, list):
            count += len(values)
        elif isinstance(values, dict) and "bdata" in values:
            count += len(base64.b64decode(values["bdata"]))
    return count


@pytest.fixture
def python_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    write_kernel_spec(tmp_path / "kernels" / "python3")  # argv[0] = sys.executable
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    return "python3"


def test_notebook_runs_against_the_test_database(fixture_db: Settings, python_kernel: str) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # One extra cell, only in this copy: which interpreter ran the notebook.
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))
    client = NotebookClient(
        nb,
        kernel_name=python_kernel,
        timeout=120,
        startup_timeout=60,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},  # cwd, as in Jupyter
    )
    # Raises CellExecutionError naming the cell if any cell fails.
    client.execute(env={**os.environ, "ENGAGEMENT_DB": str(fixture_db.db_path)})

    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code[-1].outputs[0]["text"].strip() == sys.executable
    assert any(str(fixture_db.db_path) in out.get("text", "") for out in code[0].outputs)
    for cell in code:
        stderr = [o["text"] for o in cell.outputs if o.get("name") == "stderr"]
        assert not stderr, f"{cell.id} wrote to stderr (users would see it): {stderr}"

    charts = [cell for cell in code if "fig.show()" in cell.source]
    assert len(charts) >= 6
    for cell in charts:
        figures = [o["data"][PLOTLY] for o in cell.outputs if PLOTLY in o.get("data", {})]
        assert len(figures) == 1, f"{cell.id} drew no chart"
        plotted = sum(_points(trace) for trace in figures[0]["data"])
        assert plotted > 0, f"{cell.id}: the chart is empty on the test database"
