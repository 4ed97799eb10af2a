"""Open ``report.html`` in headless Chromium and read back what a probe script saw there.

Shared by the report's browser tests and ``bench/report_scale.py``. The probe
is a copy of the page beside it (so its relative picture links still work)
whose only changes are one more script at the end of the body and that
script's hash in the page's Content-Security-Policy; the script writes JSON
into ``<pre id="probe">``, which ``--dump-dom`` prints.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]

#: Timings of the page's load, read on the load event (bench/report_scale.py).
LOAD_PROBE = """
window.addEventListener("load", function () {
  var nav = performance.getEntriesByType("navigation")[0];
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventStart,
    cards: document.querySelectorAll("details.row").length,
    images_fetched: performance.getEntriesByType("resource").length
  });
  document.body.appendChild(out);
});
"""


def with_probe(page_html: str, script: str) -> str:
    """``page_html`` with ``script`` run at the end of its body and allowed by its hash."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    allowed, count = re.subn(r"script-src ", f"script-src 'sha256-{digest}' ", page_html,
                              count=1)
    assert count == 1, "the page has no script-src policy"
    return allowed.replace("</body>", f"<script>{script}</script></body>", 1)


def probe(report: Path, script: str, profile: Path, *extra_flags: str,
          timeout: float = 180) -> tuple[dict | None, str, float]:
    """(what ``script`` wrote, or None; Chromium's stderr; seconds Chromium ran)."""
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed")
    copy = report.resolve().with_name("probe.html")
    copy.write_text(with_probe(report.read_text(encoding="utf-8"), script), encoding="utf-8")
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
             *extra_flags, "--dump-dom", copy.as_uri()],
            capture_output=True, text=True, timeout=timeout)
    finally:
        seconds = time.perf_counter() - started
        copy.unlink()
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.DOTALL)
    if found is None:
        return None, result.stderr, seconds
    text = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    return json.loads(text.replace("&amp;", "&")), result.stderr, seconds
