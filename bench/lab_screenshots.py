"""Open the notebooks in JupyterLab in headless Chromium, Run All on a fresh kernel, and save screenshots to look at.

What a researcher sees when they open the kit in JupyterLab (the README's `make lab`): every chart
and table, Arabic shaped and right to left. The tests check the outputs in a live kernel
(tests/test_notebooks_live.py); this is for a person to look at before a release.

Needs Debian's `chromium` and `chromium-driver` and `pip install selenium` (not kit dependencies),
and a model (`STANZA_RESOURCES_DIR`). It starts its own JupyterLab on a free port of 127.0.0.1 with
a token, with notebook windowing off so every cell renders, runs each notebook, then scrolls
through it and saves `OUT/NAME-01.png`, `OUT/NAME-02.png`, ... and prints each notebook's cell count,
its output images and any error output.
Usage: python bench/lab_screenshots.py [--out runs/lab-screens] [--notebooks 01_corpus 02_actors ...]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["01_corpus", "02_actors", "03_claims", "04_stances", "05_evaluation"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_lab(token: str, port: int, settings: Path) -> subprocess.Popen:
    """JupyterLab on notebooks/, windowing off (every cell is rendered, so screenshots show them all), no news pop-up."""
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    notices = settings / "@jupyterlab" / "apputils-extension"
    notices.mkdir(parents=True)
    (notices / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings)}
    return subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--LabApp.workspaces_dir={settings / 'workspaces'}", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--notebook-dir={ROOT / 'notebooks'}", "--LabApp.expose_app_in_browser=True",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000", "--lang=en"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(condition, timeout: float, step: float = 1.0):
    end = time.time() + timeout
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise TimeoutError("gave up waiting")


def run_notebook(driver, url: str, name: str, out: Path, timeout: float) -> dict:
    """Open one notebook alone (the others closed), restart its kernel and run all cells, then screenshot it top to bottom."""
    if driver.execute_script("return !!window.jupyterapp"):
        driver.execute_script("window.jupyterapp.commands.execute('application:close-all')")
        time.sleep(2)
    driver.get(url)
    wait(lambda: driver.execute_script("return !!(window.jupyterapp && document.querySelector('.jp-Notebook'))"), 120)
    wait(lambda: driver.execute_script(
        "const k = document.querySelector('.jp-Notebook-ExecutionIndicator'); return !!k"), 60)
    time.sleep(3)  # the kernel starts
    driver.execute_script("window.jupyterapp.commands.execute('notebook:restart-run-all', {})")
    time.sleep(2)
    for button in driver.find_elements("css selector", ".jp-Dialog-button.jp-mod-accept"):
        button.click()  # "Restart kernel?"
    wait(lambda: driver.execute_script(
        "const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')].map(p => p.textContent);"
        "return prompts.length > 0 && !prompts.some(p => p.includes('*')) && prompts.some(p => /\\d/.test(p));"), timeout, 3)
    time.sleep(3)
    panel = "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"
    figures = driver.execute_script(f"return {panel}.querySelectorAll('.jp-OutputArea-output img').length")
    errors = driver.execute_script(
        f"return [...{panel}.querySelectorAll('.jp-OutputArea-output[data-mime-type=\"application/vnd.jupyter.stderr\"]')]"
        ".map(e => e.textContent.slice(0, 200))")
    cells = driver.execute_script(f"return {panel}.querySelectorAll('.jp-Cell').length")
    scroller = f"({panel}.querySelector('.jp-WindowedPanel-outer') || {panel}.querySelector('.jp-NotebookPanel-notebook'))"
    height = driver.execute_script(f"return ({scroller}).scrollHeight")
    view = driver.execute_script(f"return ({scroller}).clientHeight")
    shots = []
    for n, top in enumerate(range(0, max(1, height), max(1, view - 80)), start=1):
        driver.execute_script(f"({scroller}).scrollTop = {top}")
        time.sleep(0.5)
        path = out / f"{name}-{n:02d}.png"
        driver.save_screenshot(str(path))
        shots.append(path.name)
    return {"cells": cells, "images": figures, "errors": errors, "screenshots": shots}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--out", type=Path, default=Path("runs/lab-screens"))
    options.add_argument("--notebooks", nargs="+", default=NOTEBOOKS)
    options.add_argument("--timeout", type=float, default=900, help="seconds for one notebook to run")
    args = options.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    token, port = secrets.token_hex(16), free_port()
    with tempfile.TemporaryDirectory() as settings:
        lab = start_lab(token, port, Path(settings))
        driver = None
        try:
            wait(lambda: subprocess.run(["curl", "-sf", f"http://127.0.0.1:{port}/api?token={token}"],
                                        capture_output=True).returncode == 0, 90)
            driver = browser()
            for name in args.notebooks:
                start = time.perf_counter()
                found = run_notebook(driver, f"http://127.0.0.1:{port}/lab/tree/{name}.ipynb?reset&token={token}", name,
                                     args.out, args.timeout)
                print(f"{name}: {found['cells']} cells, {found['images']} images, {len(found['errors'])} error outputs, "
                      f"{len(found['screenshots'])} screenshots, {time.perf_counter() - start:.0f} s", flush=True)
                for error in found["errors"]:
                    print(f"  stderr: {error}")
        finally:
            if driver is not None:
                driver.quit()
            lab.terminate()
            lab.wait(30)
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
