"""Call the `gapmap` command line from Python and parse what it prints.

    import gapmap_helper as gm
    data = gm.gaps("../datasets/border-outsourcing", at="2016")     # dict, as `gapmap gaps --format json`
    frame = gm.gaps_frame("../datasets/border-outsourcing")         # one row per facility
    scores = gm.centrality("../datasets/border-outsourcing", "pagerank,betweenness")

The binary is $GAPMAP_BIN if set, else the repository's .build/release or .build/debug build,
else `gapmap` on PATH. Every call raises GapMapError with gapmap's own message (file:line:
column) and exit code when the command fails.
"""
import io
import json
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class GapMapError(RuntimeError):
    """A gapmap command failed: `code` is its exit code (1 input, 2 usage, 3 environment)."""

    def __init__(self, args, code, message):
        super().__init__(f"gapmap {' '.join(args)} exited {code}: {message.strip()}")
        self.code = code
        self.message = message


def binary():
    """The gapmap executable to call."""
    env = os.environ.get("GAPMAP_BIN")
    if env:
        return env
    for config in ("release", "debug"):
        path = os.path.join(ROOT, ".build", config, "gapmap")
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("gapmap")
    if found:
        return found
    raise GapMapError([], 127, "no gapmap binary: run `swift build -c release` or set GAPMAP_BIN")


def run(*args, timeout=600):
    """Runs `gapmap ARGS...` and returns its standard output as text."""
    args = [str(a) for a in args]
    proc = subprocess.run([binary()] + args, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise GapMapError(args, proc.returncode, proc.stderr)
    return proc.stdout


def run_json(*args):
    """Runs a command with `--format json` and parses its output."""
    return json.loads(run(*args, "--format", "json"))


def _options(options):
    out = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        out += [flag] if value is True else [flag, str(value)]
    return out


def summary(dataset, **options):
    """`gapmap summary` as a dict."""
    return run_json("summary", dataset, *_options(options))


def gaps(dataset, **options):
    """`gapmap gaps` as a dict (see docs/gaps.schema.json); e.g. at="2016", sensitivity=True."""
    return run_json("gaps", dataset, *_options(options))


def gaps_frame(dataset, **options):
    """One row per facility: gap low/high, κ, flags and each component's interval."""
    import pandas as pd

    data = gaps(dataset, **options)
    rows = []
    for f in data["facilities"]:
        row = {
            "id": f["id"], "name": f["name"], "country": f["country"],
            "low": f["gap"]["low"] if f["gap"] else None,
            "high": f["gap"]["high"] if f["gap"] else None,
            "known_share": f["known_share"], "insufficient": f["insufficient_evidence"],
            "flags": ", ".join(f["flags"]),
            "research_next": "; ".join(r["label"] for r in f["research_next"][:2]),
        }
        for name, comp in f["components"].items():
            row[f"{name}_low"] = comp["low"] if comp else None
            row[f"{name}_high"] = comp["high"] if comp else None
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame.attrs["as_of"] = data["as_of"]
    return frame


def centrality(dataset, measures, **options):
    """`gapmap centrality` as a DataFrame indexed by node id."""
    import pandas as pd

    text = run("centrality", dataset, "--measure", measures, "--format", "csv", *_options(options))
    return pd.read_csv(io.StringIO(text), dtype={"id": str}).set_index("id")


def render_svg(dataset, **options):
    """A diagram as SVG text (for IPython.display.SVG); options as `gapmap render`'s."""
    return run("render", dataset, "-o", "-", "--format", "svg", "--fragment", *_options(options))


def batch(manifest, **options):
    """Runs `gapmap batch` and returns its summary.json as a dict (raises if a job failed)."""
    folder = os.path.dirname(os.path.abspath(manifest))
    summary_path = options.pop("summary", None) or os.path.join(folder, "summary.json")
    run("batch", manifest, "--summary", summary_path, "--quiet", *_options(options))
    with open(summary_path, encoding="utf-8") as f:
        return json.load(f)
