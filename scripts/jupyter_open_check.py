#!/usr/bin/env python3
"""Opens exported notebooks in a real Jupyter server and checks that their outputs show
(a development check): starts `jupyter notebook` headless on a free port in the notebooks'
folder, loads each notebook's page in headless Chromium (the Browser of
site_browser_check.py), waits for Jupyter's front end to render it, counts the rendered
output areas and SVG images, and saves a screenshot.

Usage: jupyter_open_check.py NOTEBOOK_DIR SCREENSHOT_DIR [--untrusted]
The notebooks are trusted first (`jupyter trust`) unless --untrusted is given; untrusted,
Jupyter shows each plot's text/plain fallback instead of its SVG.
"""
import base64
import os
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from site_browser_check import Browser  # noqa: E402

COUNTS = """(() => ({
  cells: document.querySelectorAll('.jp-Cell').length,
  outputs: document.querySelectorAll('.jp-OutputArea-output').length,
  svgs: document.querySelectorAll('.jp-RenderedSVG img, .jp-RenderedSVG svg').length,
  plotsAsText: Array.from(document.querySelectorAll('.jp-OutputArea-output')).filter(e => e.textContent.startsWith('<plot:')).length,
  errors: document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
}))()"""


def main():
    folder, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(shots, exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    jupyter = os.path.join(os.path.dirname(sys.executable), "jupyter")
    # Jupyter shows SVG outputs only in notebooks the user trusts (SVG can carry script); a
    # notebook one exported oneself is trusted with `jupyter trust`, as a reader would.
    notebooks = sorted(f for f in os.listdir(folder) if f.endswith(".ipynb"))
    if "--untrusted" not in sys.argv:
        subprocess.run([jupyter, "trust"] + [os.path.join(folder, n) for n in notebooks], check=True,
                       stdout=subprocess.DEVNULL)
    server = subprocess.Popen([jupyter, "notebook", "--no-browser", f"--port={port}", "--ServerApp.token=",
                               "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", f"--notebook-dir={folder}"]
                              + (["--allow-root"] if os.geteuid() == 0 else []),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures = 0
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("jupyter did not start")
                time.sleep(0.5)
        browser = Browser()
        try:
            for name in notebooks:
                browser.load(f"http://127.0.0.1:{port}/notebooks/{name}", 1280, 900, False)
                counts = {}
                for _ in range(120):  # the front end renders a while after the load event
                    counts = browser.evaluate(COUNTS) or {}
                    if counts.get("outputs"):
                        time.sleep(2.0)
                        counts = browser.evaluate(COUNTS)
                        break
                    time.sleep(0.5)
                shot = os.path.join(shots, name.replace(".ipynb", "-jupyter.png"))
                browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
                with open(shot, "wb") as f:
                    f.write(base64.b64decode(browser.call("Page.captureScreenshot", format="png")["data"]))
                ok = counts.get("cells", 0) > 0 and counts.get("outputs", 0) > 0
                failures += not ok
                print(f"{'ok  ' if ok else 'FAIL'} {name}: Jupyter shows {counts.get('cells')} cells, "
                      f"{counts.get('outputs')} outputs, {counts.get('svgs')} SVG images, {counts.get('plotsAsText')} plots as text "
                      f"-> {os.path.relpath(shot)}")
        finally:
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
