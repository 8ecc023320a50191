"""The example notebooks run from top to bottom in a kernel of this environment.

Needs the `notebook` extra (`pip install -e ".[notebook]"`); skipped without it.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="needs the notebook extra")
nbclient = pytest.importorskip("nbclient", reason="needs the notebook extra")
for module in ("ipykernel", "matplotlib", "pandas"):
    pytest.importorskip(module, reason="needs the notebook extra")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "examples" / "notebooks"


def outputs_of_type(notebook, mime_type):
    return [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if mime_type in output.get("data", {})
    ]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda path: path.stem)
def test_notebook_runs(path, tmp_path):
    committed = nbformat.read(path, as_version=4)
    notebook = copy.deepcopy(committed)
    # The "python3" kernel name makes jupyter_client start this interpreter.
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )

    client.execute()

    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    assert len(outputs_of_type(notebook, "image/png")) == len(
        outputs_of_type(committed, "image/png")
    )


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda path: path.stem)
def test_notebook_committed_with_outputs(path):
    notebook = nbformat.read(path, as_version=4)

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]

    assert outputs_of_type(notebook, "image/png"), "execute the notebook and save its plots"
    assert all(cell.execution_count is not None for cell in code_cells)


def test_notebook_found():
    assert (NOTEBOOKS / "tuning_analysis.ipynb") in NOTEBOOKS.glob("*.ipynb")
