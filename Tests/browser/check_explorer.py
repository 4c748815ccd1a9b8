#!/usr/bin/env python3
"""Drives a `gapmap report`'s explorer in headless chromium over the DevTools protocol.

Usage: check_explorer.py REPORT_DIR [FACILITY_ID]      (needs the PyPI package websocket-client)

Fails (exit 1, with the reason) unless, in a 1,400 x 1,000 px window:
  - the page has no horizontal overflow, and the overview (the explorer's view and, with
    JavaScript off, the static figure) lies within the viewport's width;
  - a real mouse click on the facility opens the side panel with its name and its cited sources,
    linked to the source list;
  - typing in the search box marks the matching nodes;
  - moving the date slider (arrow key) changes the year shown and the visible figure;
  - the explorer opens at a zoom where node labels are at least 9 pt, and "Fit" shows the whole
    figure (jurisdiction labels still at least 9 pt);
  - no console message, exception or Content-Security-Policy violation occurred.
Prints the measurements as JSON on success.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import websocket  # websocket-client


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_explorer: chromium is not installed")


class Page:
    def __init__(self, ws):
        self.ws, self.next, self.events = ws, 0, []

    def call(self, method, **params):
        self.next += 1
        mid = self.next
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"script failed: {expr[:80]}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def drain(self, seconds=0.3):
        self.ws.settimeout(seconds)
        try:
            while True:
                self.events.append(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(30)

    def load(self, url):
        self.call("Page.navigate", url=url)
        for _ in range(200):
            if self.js("document.readyState") == "complete":
                break
            time.sleep(0.05)
        self.drain(0.5)

    def click(self, x, y):
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def key(self, key, code, keycode):
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=keycode)


def fail(msg):
    sys.exit("check_explorer: " + msg)


def main():
    report = os.path.abspath(sys.argv[1])
    facility = sys.argv[2] if len(sys.argv) > 2 else "yarls-wood"
    url = "file://" + os.path.join(report, "index.html")
    tmp = tempfile.mkdtemp()
    proc = subprocess.Popen(
        [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", "--disable-background-networking", "--remote-debugging-port=0",
         "--window-size=1400,1000", "--user-data-dir=" + tmp, "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(tmp, "DevToolsActivePort")
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = open(port_file).read().split()[0]
        import urllib.request
        targets = []
        for _ in range(100):
            targets = [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                       if t["type"] == "page"]
            if targets:
                break
            time.sleep(0.05)
        page = Page(websocket.create_connection(targets[0]["webSocketDebuggerUrl"], timeout=30,
                                                suppress_origin=True))
        for domain in ("Page", "Runtime", "Log"):
            page.call(domain + ".enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1,
                  mobile=False)
        page.call("Page.addScriptToEvaluateOnNewDocument", source=(
            "window.__csp=[];document.addEventListener('securitypolicyviolation',"
            "function(e){window.__csp.push(e.violatedDirective+' '+e.blockedURI)});"))
        m = {}

        # Without JavaScript: the static overview fits the viewport's width.
        page.call("Emulation.setScriptExecutionDisabled", value=True)
        page.load(url)
        r = page.call("Runtime.evaluate", returnByValue=True, expression=(
            "(function(){var s=document.querySelector('figure.x-static svg').getBoundingClientRect();"
            "return [s.left,s.right,document.documentElement.scrollWidth,innerWidth,"
            "getComputedStyle(document.getElementById('explorer')).display]})()"))["result"]["value"]
        m["static_figure_px"] = [round(r[0]), round(r[1])]
        # Every text of the static overview at 100% on the column width, in CSS pt (4/3 px): its
        # font-size times the screen scale of its user units (getScreenCTM) times 3/4.
        small = page.call("Runtime.evaluate", returnByValue=True, expression=(
            "(function(){var f=document.querySelector('figure.x-static svg'),b=f.viewBox.baseVal;"
            "var k=f.getBoundingClientRect().width/b.width;var out=[];"
            "f.querySelectorAll('text').forEach(function(t){out.push(parseFloat(t.getAttribute('font-size'))*t.getScreenCTM().a*0.75)});"
            "out.sort(function(a,b){return a-b});return [out.length,out[0]]})()"))["result"]["value"]
        m["static_texts"] = small[0]
        m["static_min_text_pt"] = round(small[1], 2)
        if small[1] < 9:
            fail(f"the static overview has text of {small[1]:.2f} pt at the column width (< 9)")
        if r[0] < 0 or r[1] > r[3] or r[2] > r[3]:
            fail(f"without JavaScript the overview is clipped at {r[3]} px: {r}")
        if r[4] != "none":
            fail("without JavaScript the explorer (which needs it) is shown")
        page.call("Emulation.setScriptExecutionDisabled", value=False)

        page.load(url)
        if not page.js("document.documentElement.classList.contains('js')"):
            fail("the page script did not run under the CSP")
        v = page.js("(function(){var r=document.getElementById('x-view').getBoundingClientRect();"
                    "return [r.left,r.right,document.documentElement.scrollWidth,innerWidth]})()")
        m["explorer_view_px"] = [round(v[0]), round(v[1])]
        if v[0] < 0 or v[1] > v[3] or v[2] > v[3]:
            fail(f"the explorer is clipped at {v[3]} px: {v}")
        # Label size at the opening zoom: a node label's font size on screen, in pt.
        label_pt = ("(function(){var f=document.querySelector('.x-frame:not([hidden]) svg');"
                    "var b=f.viewBox.baseVal,k=f.getBoundingClientRect().width/b.width,m=1e9;"
                    "f.querySelectorAll('text').forEach(function(t){m=Math.min(m,parseFloat(t.getAttribute('font-size'))*t.getScreenCTM().a*0.75)});"
                    "return m})()")
        m["label_pt_opening"] = round(page.js(label_pt), 2)
        if m["label_pt_opening"] < 9:
            fail(f"text of {m['label_pt_opening']} pt at the explorer's opening zoom (< 9)")
        # Click the facility (a real mouse event at its centre, after centring it).
        sel = f".x-frame:not([hidden]) g.node[data-id=\"{facility}\"]"
        page.js(f"document.getElementById('x-search').value={json.dumps(facility)};"
                "document.getElementById('x-search').dispatchEvent(new Event('input'));0")
        page.js("document.getElementById('x-search').value='';"
                "document.getElementById('x-search').dispatchEvent(new Event('input'));0")
        page.js("document.getElementById('explorer').scrollIntoView();0")
        where = (f"(function(){{var g=document.querySelector('{sel}');"
                 "var v=document.getElementById('x-view').getBoundingClientRect();"
                 "var p=g.querySelector('polygon,ellipse,path').getBoundingClientRect();"
                 "var bottom=Math.min(v.bottom,innerHeight);"
                 "return [p.left+p.width/2,p.top+p.height/2,v.left+v.width*0.3,(v.top+bottom)/2]})()")
        # Pan with a real drag so that the facility sits left of centre (clear of the panel).
        first = page.js(where)
        for _ in range(12):
            xy = page.js(where)
            if abs(xy[0] - xy[2]) + abs(xy[1] - xy[3]) <= 40:
                break
            box = page.js("(function(){var v=document.getElementById('x-view').getBoundingClientRect();"
                          "return [v.left,v.top,v.right,Math.min(v.bottom,innerHeight)]})()")
            # One drag, from the view's centre, by at most a third of the view each way.
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            lim_x, lim_y = (box[2] - box[0]) / 3, (box[3] - box[1]) / 3
            dx = max(-lim_x, min(lim_x, xy[2] - xy[0]))
            dy = max(-lim_y, min(lim_y, xy[3] - xy[1]))
            page.call("Input.dispatchMouseEvent", type="mousePressed", x=cx, y=cy, button="left",
                      clickCount=1)
            for step in range(1, 6):
                page.call("Input.dispatchMouseEvent", type="mouseMoved", x=cx + dx * step / 5,
                          y=cy + dy * step / 5, button="left", buttons=1)
            page.call("Input.dispatchMouseEvent", type="mouseReleased", x=cx + dx, y=cy + dy,
                      button="left", clickCount=1)
        if page.js("document.querySelectorAll('.x-sel').length") != 0:
            fail("a drag selected something (it should only pan)")
        xy = page.js(where)
        m["panned_px"] = round(abs(xy[0] - first[0]) + abs(xy[1] - first[1]))
        if abs(xy[0] - xy[2]) + abs(xy[1] - xy[3]) > 40:
            fail(f"dragging did not pan the facility into view: {first} -> {xy}")
        hit = page.js(f"(function(){{var e=document.elementFromPoint({xy[0]},{xy[1]});"
                      "var g=e&&e.closest('g');return e?[e.tagName,g&&g.getAttribute('class'),"
                      "g&&g.getAttribute('data-id'),e.id,e.className,innerHeight,scrollY]:null})()")
        page.click(xy[0], xy[1])
        panel = page.js("(function(){var p=document.getElementById('x-panel');"
                        "return {h:(p.querySelector('h3')||{}).textContent,"
                        "sources:Array.prototype.map.call(p.querySelectorAll('ul.x-sources li a[href^=\"#src-\"]'),"
                        "function(a){return a.getAttribute('href')}),"
                        "selected:document.querySelectorAll('.x-sel').length}})()")
        if not panel.get("h") or not panel.get("sources"):
            fail(f"clicking {facility} at {xy[:2]} ({hit}) did not open a panel listing its sources: {panel}")
        m["panel"] = {"title": panel["h"], "sources": len(panel["sources"])}
        for href in panel["sources"]:
            if not page.js(f"!!document.getElementById({json.dumps(href[1:])})"):
                fail(f"the panel links {href}, which is not in the source list")
        # Search marks matches.
        page.js("var s=document.getElementById('x-search');s.value='serco';s.dispatchEvent(new Event('input'));0")
        m["search_matches"] = page.js("document.querySelectorAll('.x-frame:not([hidden]) g.node.x-match').length")
        if m["search_matches"] < 1:
            fail("searching 'serco' marked no node")
        # The slider: an arrow key moves it one year back.
        before = page.js("[document.getElementById('x-year-out').textContent,"
                         "document.querySelector('.x-frame:not([hidden])').getAttribute('data-year')]")
        page.js("document.getElementById('x-year').focus();0")
        page.key("ArrowLeft", "ArrowLeft", 37)
        after = page.js("[document.getElementById('x-year-out').textContent,"
                        "document.querySelector('.x-frame:not([hidden])').getAttribute('data-year'),"
                        "document.querySelectorAll('.x-frame:not([hidden])').length]")
        m["slider"] = [before[0], after[0]]
        if after[0] == before[0] or after[1] != after[0] or after[2] != 1:
            fail(f"moving the slider did not change the year shown: {before} -> {after}")
        # Stable positions: the facility sits at the same place in both years.
        # Fit: the whole figure in the view, jurisdiction labels readable.
        page.js("document.getElementById('x-fit').click();0")
        fit = page.js("(function(){var f=document.querySelector('.x-frame:not([hidden]) svg');"
                      "var v=f.viewBox.baseVal,o=f.getAttribute('data-box').split(' ').map(Number);"
                      "var k=f.getBoundingClientRect().width/v.width;"
                      "var t=f.querySelector('g.cluster text');"
                      "return [v.x<=0.5&&v.y<=0.5&&v.x+v.width>=o[2]-0.5&&v.y+v.height>=o[3]-0.5,"
                      "t?parseFloat(t.getAttribute('font-size'))*t.getScreenCTM().a*0.75:0, o[2]/o[3]]})()")
        m["fit_cluster_label_pt"] = round(fit[1], 2)
        m["aspect"] = round(fit[2], 3)
        if not fit[0]:
            fail("Fit does not show the whole figure")
        page.drain(0.5)
        console = [e for e in page.events if e.get("method") in
                   ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded")]
        csp = page.js("window.__csp")
        if console or csp:
            fail(f"console messages or CSP violations: {console[:5]} {csp}")
        print("check_explorer: ok " + json.dumps(m))
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
