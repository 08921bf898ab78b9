#!/usr/bin/env python3
"""Checks the rendered lesson site in headless Chromium (a development check, not a test).

For every page in the site folder:
  * static checks over the HTML: every relative link and image points at a file of the site,
    every #fragment at an id of its page, no <script>, no external style sheet, image or frame;
  * loads the page from file:// in headless Chromium through the DevTools protocol, at a
    desktop (1280 px) and a phone (390 px) width, and fails on a JavaScript exception, a
    console error (which includes Content-Security-Policy violations), a failed load, an
    image that did not decode, or a page wider than the phone screen;
  * saves a full-page screenshot per page and width, and one in print media.

Usage: site_browser_check.py SITE_DIR SCREENSHOT_DIR
Prints one line per page and width, then a verdict; exits 1 on any failure.
"""
import base64
import html.parser
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import websocket  # websocket-client

WIDTHS = [("desktop", 1280, 900, False), ("phone", 390, 844, True)]
MAX_SHOT_HEIGHT = 16000


class PageScan(html.parser.HTMLParser):
    """Collects ids, links, resource references and scripts of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.resources, self.problems = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "script":
            self.problems.append("a <script> element")
        for name in a:
            if name.startswith("on"):
                self.problems.append(f"an event-handler attribute {name}= on <{tag}>")
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("img", "iframe", "embed", "source", "audio", "video") and "src" in a:
            self.resources.append(a["src"])
        if tag == "link" and "href" in a:
            self.resources.append(a["href"])
        if tag in ("object",) and "data" in a:
            self.resources.append(a["data"])


def static_check(site):
    pages = sorted(f for f in os.listdir(site) if f.endswith(".html"))
    scans = {}
    for name in pages:
        scan = PageScan()
        with open(os.path.join(site, name), encoding="utf-8") as f:
            scan.feed(f.read())
        scans[name] = scan
    failures, external = [], set()
    for name, scan in scans.items():
        for problem in scan.problems:
            failures.append(f"{name}: {problem}")
        for ref in scan.resources:
            if re.match(r"^[a-z]+:", ref) and not ref.startswith("data:"):
                failures.append(f"{name}: external resource {ref}")
            elif not ref.startswith("data:") and not os.path.exists(os.path.join(site, urllib.parse.unquote(ref.split("#")[0]))):
                failures.append(f"{name}: missing resource {ref}")
        for href in scan.links:
            if re.match(r"^[a-z]+:", href):
                external.add(href)
                continue
            path, _, fragment = href.partition("#")
            target = path or name
            if target not in scans:
                if not os.path.exists(os.path.join(site, urllib.parse.unquote(target))):
                    failures.append(f"{name}: broken link {href}")
                continue
            if fragment and urllib.parse.unquote(fragment) not in scans[target].ids:
                failures.append(f"{name}: link {href} names no id of {target}")
    return pages, failures, sorted(external)


class Browser:
    """Headless Chromium driven over the DevTools protocol (one page target)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="site-check-chromium-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.process = subprocess.Popen(
            ["chromium", "--headless=new", f"--remote-debugging-port={port}", f"--user-data-dir={self.profile}",
             "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--allow-file-access-from-files", "--hide-scrollbars", "--force-color-profile=srgb", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while True:
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
                target = json.load(urllib.request.urlopen(req, timeout=2))
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("chromium did not start its DevTools endpoint")
                time.sleep(0.2)
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, event in enumerate(self.events):
                if event["method"] == method:
                    return self.events.pop(i)
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise RuntimeError(f"timed out waiting for {method}")

    def errors(self):
        found = []
        for event in self.events:
            method, p = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append("JavaScript exception: " + p["exceptionDetails"].get("text", "?"))
            elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                found.append("console error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif method == "Log.entryAdded" and p["entry"]["level"] == "error":
                found.append(f"browser error ({p['entry'].get('source')}): {p['entry']['text']} {p['entry'].get('url', '')}")
            elif method == "Network.loadingFailed" and not p.get("canceled"):
                found.append(f"failed load: {p.get('errorText')} ({p.get('type')})")
        return found

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def load(self, url, width, height, mobile, media=""):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.call("Emulation.setEmulatedMedia", media=media)
        self.call("Page.navigate", url="about:blank")
        self.wait_for("Page.loadEventFired")
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        time.sleep(0.1)  # let late console messages arrive
        self.call("Runtime.evaluate", expression="0")

    def screenshot(self, path, width):
        metrics = self.call("Page.getLayoutMetrics")
        height = min(MAX_SHOT_HEIGHT, int(metrics["cssContentSize"]["height"]) + 1)
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        return height

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


PAGE_FACTS = """(() => {
  const images = Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src);
  const svgs = Array.from(document.querySelectorAll('figure.plot > svg'));
  const wideSvgs = Array.from(document.querySelectorAll('figure.plot'))
    .filter(f => f.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length;
  return {brokenImages: images, svgs: svgs.length, wideSvgs,
          scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
          steps: document.querySelectorAll('section.step').length,
          failedSteps: document.querySelectorAll('section.step.failed').length,
          scripts: document.scripts.length, title: document.title};
})()"""


def main():
    site, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(shots, exist_ok=True)
    pages, failures, external = static_check(site)
    print(f"static check: {len(pages)} pages, {len(external)} external links (not fetched: offline)")
    browser = Browser()
    try:
        for name in pages:
            url = "file://" + urllib.parse.quote(os.path.join(site, name))
            base = name[:-5]
            for label, width, height, mobile in WIDTHS:
                browser.load(url, width, height, mobile)
                facts = browser.evaluate(PAGE_FACTS)
                problems = browser.errors()
                problems += [f"image did not load: {src}" for src in facts["brokenImages"]]
                if facts["scripts"]:
                    problems.append(f"{facts['scripts']} script(s) in the page")
                if facts["scrollWidth"] > facts["clientWidth"] + 1:
                    problems.append(f"page is {facts['scrollWidth']} px wide in a {facts['clientWidth']} px window")
                if facts["wideSvgs"]:
                    problems.append(f"{facts['wideSvgs']} plot(s) wider than the window")
                shot = os.path.join(shots, f"{base}-{label}.png")
                shot_height = browser.screenshot(shot, width)
                print(f"  {name:<16} {label:<7} {width:>4}px  {facts['steps']:>3} steps ({facts['failedSteps']} failed), "
                      f"{facts['svgs']:>2} plots, page {shot_height}px tall -> {os.path.relpath(shot)}"
                      + ("" if not problems else "  FAIL"))
                failures += [f"{name} at {label} width: {p}" for p in problems]
            # How it prints: the print style sheet at A4-ish width.
            browser.load(url, 794, 1123, False, media="print")
            browser.screenshot(os.path.join(shots, f"{base}-print.png"), 794)
            failures += [f"{name} in print media: {p}" for p in browser.errors()]
    finally:
        browser.close()
    for failure in failures:
        print("FAIL " + failure)
    print(f"site check: {len(pages)} pages x {len(WIDTHS)} widths, {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
