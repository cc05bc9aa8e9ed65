"""The course as learners use it: JupyterLab in headless Chromium, driven by Playwright.

A session fixture starts JupyterLab on a free 127.0.0.1 port with a random
token, serving a temporary *copy* of ``notebooks/`` (the repository's notebooks
are never touched), with the kernel of this interpreter (the course's venv, so
``course_utils`` imports). Each worker loads JupyterLab once in Chromium; for
each notebook the test opens it there (the File Browser's ``docmanager:open``
command, through ``window.jupyterapp``), clears its outputs, runs "Run > Run
All Cells" from the menu, waits until every code cell has run and the kernel is
idle, checks that no cell shows an error (a traceback or an ``...Error:`` line
on stderr, a widget that failed to display, an explorer showing "Cannot show
this setting") and saves a full-page screenshot to
``test-artifacts/screenshots/<notebook>.png``, then closes it without saving
and shuts its kernel down.

In 03 and 04 it then moves the lambda slider and a keep_prob slider as a
learner does (focus the slider handle, press an arrow key twice, then Home or
End, then drag the handle with the mouse) and asserts that after every move the
explorer's summary text and its figure (the ``src`` of its image) both change
and the kernel is idle again within ``UPDATE_LIMIT_S`` seconds, and that the
results printed in the summary (accuracies or weight norm) differ between the
first and the last value. A separate test loads 00_start_here in a fresh browser
context, as `make lab` shows it on a first visit, and checks that no news pop-up
covers it.
Each notebook's run time and each move's update time go to
``test-artifacts/browser-timings-<worker>.json`` (``.ci/run`` prints them).

Chromium is Debian's ``/usr/bin/chromium`` (never a Playwright download).
Without it the tests are skipped with the install command, except under CI
(``CI=true``), where a missing browser is a failure. ``BROWSER_NOTEBOOKS``
(environment) narrows the run to some notebooks: comma-separated name
prefixes, e.g. ``BROWSER_NOTEBOOKS=03,04``.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Each pytest-xdist worker that runs browser tests starts its own JupyterLab and writes
# its own files.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
LAB_LOG = ROOT / "test-artifacts" / f"jupyterlab-{WORKER}.log"
TIMINGS = ROOT / "test-artifacts" / f"browser-timings-{WORKER}.json"  # read by .ci/run
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Notebooks that must exist and be run, and the slider each one's explorer must answer to
# (a regular expression matched against the slider's description label).
SLIDERS = {
    "03_l2_regularization.ipynb": r"^\s*(lambd|lambda|λ)\b",
    "04_dropout.ipynb": r"keep_prob",
}
# The Chinese edition's start page: run, checked for Chinese text, screenshot.
CHINESE_START = "zh_CN/00_start_here.ipynb"
CJK = re.compile(r"[\u4e00-\u9fff]")
NEWS_PROMPT = "notified about official Jupyter news"
UPDATE_LIMIT_S = 2.0      # a slider move must show its new summary and figure within this
RUN_ALL_TIMEOUT_S = 300   # one notebook, top to bottom, in the browser (budget 60 s, noisy CI)
SERVER_START_TIMEOUT_S = 90
NB = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on screen (CSS selector)


# --------------------------------------------------------------------------
# which notebooks
# --------------------------------------------------------------------------

def _selected_notebooks() -> list[str]:
    """Every notebook in notebooks/ (or those matching BROWSER_NOTEBOOKS), plus the required ones.

    The required notebooks (03, 04) are always listed, even when missing, so that
    their absence fails loudly instead of shrinking the test.
    """
    found = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    wanted = os.environ.get("BROWSER_NOTEBOOKS", "").strip()
    if wanted:
        prefixes = [w.strip() for w in wanted.split(",") if w.strip()]
        found = [n for n in found if any(n.startswith(p) for p in prefixes)]
    return sorted(set(found) | set(SLIDERS)) + [CHINESE_START]


# --------------------------------------------------------------------------
# Chromium and JupyterLab
# --------------------------------------------------------------------------

def _require_chromium() -> None:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    msg = (f"Chromium not found at {CHROMIUM}; the browser test needs Debian's chromium: "
           "install it with `apt-get install -y chromium` (as root)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{msg}. CI=true: a missing browser is a failure, not a skip.")
    pytest.skip(msg)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_lab_settings(settings_dir: Path) -> None:
    """User settings for this throw-away JupyterLab.

    All cells stay in the DOM (no windowing), so outputs can be checked and the
    screenshot shows the whole notebook. The news pop-up is *not* switched off
    here: the course's own settings, installed into the environment by
    ``make venv`` (``course_utils.tools.lab_settings``), must do that, and
    :func:`test_no_news_pop_up_over_the_first_notebook` checks that they do.
    """
    files = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
            "windowingMode": "none", "scrollPastEnd": False},
    }
    for rel, content in files.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))


class Lab:
    """A running JupyterLab: base URL, token and a tiny authenticated REST client."""

    def __init__(self, url: str, token: str, root_dir: Path, proc: subprocess.Popen):
        self.url, self.token, self.root_dir, self.proc = url, token, root_dir, proc

    def api(self, method: str, path: str, timeout: float = 10.0):
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_kernels_of(self, notebook: str) -> None:
        """Delete the session (and so the kernel) of one notebook, to free the CPU."""
        for session in self.api("GET", "/api/sessions"):
            if session.get("path") == notebook:
                self.api("DELETE", f"/api/sessions/{session['id']}")


def _descendants(pid: int) -> list:
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        return []
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _stop_lab(lab: Lab) -> None:
    """Stop JupyterLab and every kernel it started, whatever state they are in.

    Kernels run in sessions of their own, so they are collected (by pid, with
    psutil's guard against reused pids) before the server is asked to shut down.
    """
    children = _descendants(lab.proc.pid)
    try:
        lab.api("POST", "/api/shutdown", timeout=5)
    except (urllib.error.URLError, OSError):
        pass
    try:
        lab.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        lab.proc.send_signal(signal.SIGTERM)
        try:
            lab.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            lab.proc.kill()
            lab.proc.wait(timeout=10)
    for child in children:
        try:
            if child.is_running():
                child.terminate()
                child.wait(timeout=5)
        except Exception:  # noqa: BLE001 - already gone, or needs the hard way
            try:
                child.kill()
            except Exception:  # noqa: BLE001
                pass


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab serving a temporary copy of notebooks/, stopped at the end of the session."""
    _require_chromium()
    base = tmp_path_factory.mktemp("jupyterlab")
    root_dir = base / "notebooks"
    if NOTEBOOKS.is_dir():
        shutil.copytree(NOTEBOOKS, root_dir,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    else:
        root_dir.mkdir()
    _write_lab_settings(base / "settings")
    port, token = _free_port(), secrets.token_urlsafe(32)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
           f"--LabApp.user_settings_dir={base / 'settings'}",
           f"--LabApp.workspaces_dir={base / 'workspaces'}",
           # window.jupyterapp: the test opens each notebook in the running JupyterLab
           # (one page load per worker, not one per notebook; see `lab_page`)
           "--LabApp.expose_app_in_browser=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(base / "runtime"))
    LAB_LOG.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.unlink(missing_ok=True)
    log = open(LAB_LOG, "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=base,
                            start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, root_dir, proc)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with status {proc.returncode} before answering; "
                            f"log:\n{LAB_LOG.read_text()[-3000:]}")
            try:
                server.api("GET", "/api/status", timeout=2)
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer on port {port} within "
                                f"{SERVER_START_TIMEOUT_S} s; log:\n{LAB_LOG.read_text()[-3000:]}")
                time.sleep(0.3)
        yield server
    finally:
        _stop_lab(server)
        log.close()


@pytest.fixture(scope="session")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def lab_page(lab, browser):
    """One JupyterLab page per worker; each test opens its notebook in it and closes it after.

    Loading JupyterLab takes several seconds (its assets, then the app's start-up); a
    notebook opened in the running app, as a learner opens one from the file browser,
    takes about one. The page is reloaded (``?reset``: a clean workspace) whenever closing
    a notebook fails, so one broken test cannot leave a dialog over the next.
    """
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    _load_lab(page, lab)
    state = {"page": page, "lab": lab}
    try:
        yield state
    finally:
        context.close()

# --------------------------------------------------------------------------
# driving JupyterLab
# --------------------------------------------------------------------------

_KERNEL_IDLE_JS = """[...document.querySelectorAll('#jp-main-statusbar *')]
    .some(e => e.children.length === 0 && /\\|\\s*Idle\\s*$/.test(e.textContent))"""

# Prompts of every code cell that has source: "[3]:", "[*]:", "[ ]:".
_PROMPTS_JS = """() => { const NB = '.jp-NotebookPanel:not(.lm-mod-hidden)';
    return [...document.querySelectorAll(NB + ' .jp-CodeCell')]
    .filter(c => (c.querySelector('.jp-InputArea-editor')?.textContent || '').trim() !== '')
    .map(c => (c.querySelector('.jp-InputArea-prompt')?.textContent || '').trim()); }"""

_ERRORS_JS = """() => {
  const NB = '.jp-NotebookPanel:not(.lm-mod-hidden)';
  const out = [];
  const cells = [...document.querySelectorAll(NB + ' .jp-Cell')];
  cells.forEach((cell, i) => {
    cell.querySelectorAll('.jp-OutputArea-output').forEach(o => {
      const text = o.innerText || '';
      const mime = o.getAttribute('data-mime-type') || '';
      if (mime === 'application/vnd.jupyter.stderr'
          && (/Traceback/.test(text) || /^\\s*\\w*(Error|Exception)\\b.*:/m.test(text)))
        out.push(`cell ${i}: error output: ${text.slice(0, 600)}`);
      if (/Error displaying widget|Could not render|Failed to load model/.test(text))
        out.push(`cell ${i}: widget failed: ${text.slice(0, 300)}`);
      if (/Cannot show this setting/.test(text))
        out.push(`cell ${i}: explorer error: ${text.slice(0, 300)}`);
    });
  });
  return out;
}"""


def _menu(page, menu: str, item: str) -> None:
    """Click a main-menu entry, e.g. Run > Run All Cells, as a learner does."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(menu)}$")).click()
    page.locator(".lm-Menu-itemLabel",
                 has_text=re.compile(rf"^{re.escape(item)}$")).first.click()


def _wait_kernel_idle(page, timeout_s: float) -> None:
    """Wait until the kernel is connected and idle (status bar "Python 3 (ipykernel) | Idle")."""
    page.wait_for_selector(f'{NB} .jp-Notebook-ExecutionIndicator[data-status="idle"]',
                           timeout=timeout_s * 1000)
    page.wait_for_function(f"() => {_KERNEL_IDLE_JS}", timeout=timeout_s * 1000)


def _load_lab(page, lab: Lab, name: str = "") -> None:
    """Load JupyterLab in ``page`` (opening notebook ``name``, if given) with a clean workspace."""
    # ?reset: a clean workspace, so notebooks opened earlier are not reopened.
    path = f"/tree/{name}" if name else ""
    page.goto(f"{lab.url}/lab{path}?reset&token={lab.token}")
    page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-LabShell')",
                           timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    # Close the file browser, so the notebook gets the page's width (as in the screenshots).
    current_tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current_tab.count():
        current_tab.first.click()
    if not name:
        page.evaluate(_CLOSE_ALL_JS)   # the Launcher


_OPEN_JS = """async (path) => {
    await window.jupyterapp.commands.execute('docmanager:open',
                                             {path: path, factory: 'Notebook'});
}"""

# Close every document without saving (the run changed them; the copy on disk stays as it
# was): mark each one clean first, so no "save changes?" dialog appears.
_CLOSE_ALL_JS = """() => {
    for (const w of [...window.jupyterapp.shell.widgets('main')]) {
        if (w.context && w.context.model) w.context.model.dirty = false;
        w.dispose();
    }
    return [...window.jupyterapp.shell.widgets('main')].length;
}"""


def _open_notebook(page, lab: Lab, name: str) -> None:
    """Open ``name`` in the JupyterLab of ``page`` and wait for its kernel to be idle."""
    page.evaluate(_OPEN_JS, name)
    page.wait_for_selector(f"{NB} .jp-Notebook .jp-Cell", timeout=60_000)
    # A kernel-choice dialog only appears when the notebook names no kernel: accept the default.
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count():
        dialog.first.click()
    _wait_kernel_idle(page, 60)


def _close_notebooks(state: dict) -> None:
    """Close every open document; reload JupyterLab (clean workspace) if that fails."""
    page = state["page"]
    try:
        page.keyboard.press("Escape")          # a dialog left open by a failed step
        left = page.evaluate(_CLOSE_ALL_JS)
        page.set_viewport_size(VIEWPORT)
        if left:
            raise RuntimeError(f"{left} documents still open")
    except Exception:  # noqa: BLE001 - playwright errors, or documents that stayed open
        page.set_viewport_size(VIEWPORT)
        _load_lab(page, state["lab"])


def _run_all(page, timeout_s: float) -> list[str]:
    """Clear outputs, Run All Cells, wait until every code cell ran (or a cell failed)."""
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(f"() => ({_PROMPTS_JS})().every(p => !/\\d/.test(p))", timeout=10_000)
    for _attempt in range(3):
        # A click that lands while the kernel connection settles can be dropped:
        # check that execution started (a prompt shows * or a number), else click again.
        _menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(f"() => ({_PROMPTS_JS})().some(p => /[*\\d]/.test(p))",
                                   timeout=15_000)
            break
        except Exception:  # noqa: BLE001 - playwright TimeoutError
            _wait_kernel_idle(page, 30)
    else:
        pytest.fail("Run > Run All Cells did not start the notebook (3 attempts)")
    deadline = time.monotonic() + timeout_s
    while True:
        prompts = page.evaluate(_PROMPTS_JS)
        busy = any("*" in p for p in prompts)
        idle = page.locator(f'{NB} .jp-Notebook-ExecutionIndicator[data-status="idle"]').count() > 0
        if not busy and idle and (all(re.search(r"\d", p) for p in prompts)
                                  or page.evaluate(_ERRORS_JS)):
            return prompts
        if time.monotonic() > deadline:
            pytest.fail(f"notebook still running after {timeout_s} s; prompts: {prompts}")
        time.sleep(0.5)


_SCROLLER_JS = f"""document.querySelector('{NB} .jp-WindowedPanel-outer')
                  || document.querySelector('{NB} .jp-Notebook')"""


def _full_page_screenshot(page, path: Path) -> None:
    """Screenshot of the whole notebook: grow the viewport to the notebook's height first."""
    height = page.evaluate(f"""() => {{ const nb = {_SCROLLER_JS};
        return nb.scrollHeight + nb.getBoundingClientRect().top + 60; }}""")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": int(min(max(height, 800), 30_000))})
    page.wait_for_timeout(500)
    page.evaluate(f"() => {{ ({_SCROLLER_JS}).scrollTop = 0; }}")
    page.wait_for_timeout(200)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


_PERCENT = re.compile(r"\d+(?:\.\d+)?\s?%")
# What a retrained network reports: its accuracies and its weight norm ("||W||F = 12.3",
# "sum ||W||_F² = 67.0"). Two settings can tie on accuracy (1% is one example in 100),
# hardly on all of these.
_RESULTS = re.compile(r"\d+(?:\.\d+)?\s?%|\|\|W\|\|_?F²?\s*=\s*\d+(?:\.\d+)?")


def _explorer_of(page, pattern: str):
    """(slider, summary, image) of the explorer whose slider label matches ``pattern``."""
    sliders = page.locator(f"{NB} .jp-OutputArea-output .widget-slider").filter(
        has=page.locator(".widget-label", has_text=re.compile(pattern)))
    labels = page.locator(f"{NB} .jp-OutputArea-output .widget-slider .widget-label")
    assert sliders.count() >= 1, (
        f"no slider whose label matches {pattern!r}; labels seen: {labels.all_inner_texts()}")
    slider = sliders.first
    # The Explorer's VBox: [title], HBox(controls), summary (HTML), figure (Image).
    explorer = slider.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), "
                              "' '), ' widget-vbox ')][.//img][1]")
    assert explorer.count() == 1, f"the {pattern!r} slider is not inside an explorer with a figure"
    summary = explorer.locator(":scope > .widget-html").last
    return slider, explorer, summary, explorer.locator("img").first


def _slider_value(slider) -> str:
    """What the learner reads: the readout (aria-valuenow is rounded to one decimal)."""
    return (f"{slider.locator('.widget-readout').first.inner_text()} "
            f"({slider.locator('.noUi-handle').first.get_attribute('aria-valuenow')})")


def _settle(page, summary, image, timeout_s: float = 30) -> None:
    """Wait until the kernel is idle and the summary and figure stay the same for 0.4 s."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        state = (summary.inner_text(), image.get_attribute("src"), page.evaluate(
            f"() => {_KERNEL_IDLE_JS}"))
        if state == last and state[2]:
            return
        last = state
        page.wait_for_timeout(400)
    pytest.fail(f"the explorer did not settle within {timeout_s} s")


def _move_slider(page, pattern: str, shot: Path) -> list[tuple[str, float]]:
    """Move one explorer slider as a learner does; return (move, seconds to update) per move.

    Two arrow-key steps, a jump to the far end with Home/End, then a mouse drag of
    the handle back towards the middle. After each move the summary text *and* the
    figure must change and the kernel be idle again; the time until then is the
    move's update time. (The Explorer writes the summary before it redraws, so
    waiting for both means the whole update has arrived.)
    """
    slider, explorer, summary, image = _explorer_of(page, pattern)
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    _settle(page, summary, image)
    now, lo, hi = (float(handle.get_attribute(a))
                   for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
    up = now - lo <= hi - now
    moves = ["ArrowRight", "ArrowRight", "End"] if up else ["ArrowLeft", "ArrowLeft", "Home"]
    moves.append("drag")
    first_summary, first_src = summary.inner_text(), image.get_attribute("src")
    timings = []
    for move in moves:
        old_summary, old_src = summary.inner_text(), image.get_attribute("src")
        old_value = _slider_value(slider)
        if move == "drag":
            track = slider.locator(".noUi-target").first.bounding_box()
            box = handle.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            page.mouse.down()
            t0 = time.monotonic()
            page.mouse.move(x + (-0.3 if up else 0.3) * track["width"], y, steps=4)
            page.mouse.up()
        else:
            handle.focus()
            t0 = time.monotonic()
            handle.press(move)
        try:
            page.wait_for_function(
                f"""([s, i, os, oi]) => s.innerText !== os && i.getAttribute('src') !== oi
                                        && {_KERNEL_IDLE_JS}""",
                arg=[summary.element_handle(), image.element_handle(), old_summary, old_src],
                polling=50, timeout=30_000)
        except Exception as exc:  # noqa: BLE001 - playwright TimeoutError
            pytest.fail(f"after {move} on the {pattern!r} slider (value {old_value} -> "
                        f"{_slider_value(slider)}), the summary and the figure did not both "
                        f"change within 30 s (summary: {summary.inner_text()!r}): {exc}")
        timings.append((move, time.monotonic() - t0))
        _settle(page, summary, image)
        assert _slider_value(slider) != old_value, f"{move} did not move the slider ({old_value})"
        assert "Cannot show this setting" not in summary.inner_text(), summary.inner_text()
    explorer.screenshot(path=str(shot))
    last_summary = summary.inner_text()
    assert _PERCENT.findall(first_summary), f"no accuracy (a %) in the summary: {first_summary!r}"
    assert len(_RESULTS.findall(first_summary)) > len(_PERCENT.findall(first_summary)), (
        f"no weight norm (||W||_F = ...) in the summary: {first_summary!r}")
    assert _RESULTS.findall(first_summary) != _RESULTS.findall(last_summary), (
        f"the results shown (accuracies, weight norm) did not change between the first and the "
        f"last value:\n"
        f"  before: {first_summary!r}\n  after:  {last_summary!r}")
    assert image.get_attribute("src") != first_src, "the figure never changed"
    slow = [f"{move}: {t:.2f} s" for move, t in timings if t > UPDATE_LIMIT_S]
    assert not slow, f"slider updates slower than {UPDATE_LIMIT_S} s: {slow}"
    return timings


def _record(notebook: str, **values) -> None:
    """Add measured times to this worker's test-artifacts/browser-timings-*.json."""
    data = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
    data.setdefault(notebook, {}).update(values)
    TIMINGS.write_text(json.dumps(data, indent=1))


# --------------------------------------------------------------------------
# the test
# --------------------------------------------------------------------------

@pytest.mark.parametrize("notebook", _selected_notebooks())
def test_notebook_runs_in_the_browser(notebook, lab, lab_page):
    run_notebook_in_the_browser(notebook, lab, lab_page)


def run_notebook_in_the_browser(notebook: str, lab, state: dict) -> None:
    """Open ``notebook``, run all its cells, check for errors, screenshot it, move its slider."""
    if not (lab.root_dir / notebook).is_file():
        pytest.fail(f"notebook {notebook} not found in {NOTEBOOKS}; the browser test needs it")
    page = state["page"]
    try:
        _open_notebook(page, lab, notebook)
        t0 = time.monotonic()
        prompts = _run_all(page, RUN_ALL_TIMEOUT_S)
        run_s = time.monotonic() - t0
        _record(notebook, run_all_s=round(run_s, 1))
        page.wait_for_timeout(300)  # let widget views finish rendering
        errors = page.evaluate(_ERRORS_JS)
        stem = notebook.removesuffix(".ipynb").replace("/", "-")
        _full_page_screenshot(page, SCREENSHOTS / f"{stem}.png")
        assert not errors, f"{notebook}: cells show errors in the browser:\n" + "\n".join(errors)
        if notebook == CHINESE_START:
            _check_chinese(page)
        not_run = [i for i, p in enumerate(prompts) if not re.search(r"\d", p)]
        assert not not_run, f"{notebook}: code cells {not_run} did not run (prompts {prompts})"
        print(f"{notebook}: {len(prompts)} code cells ran in {run_s:.1f} s")
        if notebook in SLIDERS:
            page.set_viewport_size({"width": 1280, "height": 1500})  # room for a whole explorer
            timings = _move_slider(page, SLIDERS[notebook],
                                   SCREENSHOTS / f"{stem}-explorer.png")
            _record(notebook, slider_updates_s=[[m, round(t, 2)] for m, t in timings])
            print(f"{notebook}: slider updates: "
                  + ", ".join(f"{m} {t:.2f} s" for m, t in timings))
    finally:
        _close_notebooks(state)
        try:
            lab.shutdown_kernels_of(notebook)
        except (urllib.error.URLError, OSError):
            pass


def _check_chinese(page) -> None:
    """The Chinese edition shows Chinese prose and Chinese checker feedback."""
    prose = " ".join(page.locator(f"{NB} .jp-MarkdownCell .jp-RenderedMarkdown").all_inner_texts())
    outputs = " ".join(page.locator(f"{NB} .jp-OutputArea-output").all_inner_texts())
    assert len(CJK.findall(prose)) > 200, f"too little Chinese text rendered: {prose[:300]!r}"
    assert re.search(r"\[PASSED\][^\n]*" + CJK.pattern, outputs), (
        f"the checker's feedback is not in Chinese: {outputs[:300]!r}")


def test_no_news_pop_up_over_the_first_notebook(lab, browser):
    """`make lab` opens 00_start_here; JupyterLab's "get notified about Jupyter news?" toast must
    not cover it (the course installs settings that switch it off)."""
    from course_utils.tools.lab_settings import overrides_path

    assert overrides_path().is_file(), (
        f"{overrides_path()} is missing: run `python -m course_utils.tools.lab_settings` "
        f"(`make venv` does) to install the course's JupyterLab settings")
    context = browser.new_context(viewport=VIEWPORT)   # a first visit: its own context
    page = context.new_page()
    try:
        _load_lab(page, lab, "00_start_here.ipynb")   # as `make lab` opens it
        page.wait_for_selector(f"{NB} .jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_timeout(5000)   # the toast appears a moment after start-up
        toasts = page.locator(".Toastify__toast, .jp-toast-message, .jp-Notification-Toast")
        texts = [t for t in toasts.all_inner_texts() if NEWS_PROMPT in t]
        page.screenshot(path=str(SCREENSHOTS / "00_start_here-first-view.png"))
        assert not texts, f"JupyterLab shows the news pop-up over the notebook: {texts}"
        assert page.get_by_text(NEWS_PROMPT).count() == 0
    finally:
        context.close()


def test_missing_chromium_skips_with_the_install_command_and_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install -y chromium"):
        _require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI=true: a missing browser is a failure"):
        _require_chromium()
