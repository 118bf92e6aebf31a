"""The notebooks as JupyterLab runs them: a live kernel (nbclient, no papermill), default parameters, Run All.

Every chart cell must leave an image in its outputs and print nothing else (no `[]`, no Axes repr),
whatever came before it in the kernel; every table cell must leave HTML (or say that the optional input it needs was not given).
"""

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
LIVE = ["01_corpus", "02_actors", "03_claims", "04_stances", "05_evaluation"]


def _cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", [])]


@pytest.mark.model
@pytest.mark.parametrize("name", LIVE)
def test_every_chart_and_table_shows_in_a_live_kernel(model_dir, name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    charts = [cell for cell in _cells(notebook) if "plots.plot_" in cell.source]
    tables = [cell for cell in _cells(notebook) if "report.show(" in cell.source]
    assert charts or name in ("05_evaluation",)
    for cell in charts:
        kinds = [output.output_type for output in cell.outputs]
        images = [output for output in cell.outputs if "image/png" in output.get("data", {})]
        assert len(images) == 1, f"{name}: chart cell shows {kinds}:\n{cell.source}"
        texts = [output for output in cell.outputs if output.output_type in ("execute_result", "stream")]
        assert texts == [], f"{name}: chart cell also prints {texts}:\n{cell.source}"
    for cell in tables:  # HTML, or the sentence saying that an optional input was not given
        shown = any("text/html" in output.get("data", {}) for output in cell.outputs)
        explained = any(output.output_type == "stream" and output.text.startswith("No ") for output in cell.outputs)
        assert shown or explained, f"{name}: no HTML from:\n{cell.source}"
