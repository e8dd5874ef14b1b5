"""The table of `make bench`: one row per path, its figure beside a same-run baseline.

Each row: the path, the figure, the number of queries (at every size), the
baseline, the ratio, the target and whether it holds. Pages and operations
are compared with their own SQL replayed bare (the database's floor) and
shown beside a bare Django view (the framework's floor).
"""


def _fmt(value, unit=""):
    if value is None:
        return "-"
    if isinstance(value, float):
        value = f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    return f"{value}{unit}"


def page_rows(results: dict) -> list[dict]:
    runs = sorted(results.get("pages", []), key=lambda run: run["size"])
    if not runs:
        return []
    largest = runs[-1]
    counts: dict[str, list] = {}
    for run in runs:
        for row in run["rows"]:
            counts.setdefault(row["name"], []).append((run["size"], row["queries"]))
    rows = []
    for row in largest["rows"]:
        sizes = counts[row["name"]]
        constant = len({queries for _, queries in sizes}) == 1
        ratio = row["median_ms"] / row["replay_ms"] if row["replay_ms"] else None
        holds = ratio is not None and ratio <= row["target"] and constant
        rows.append(
            {
                "path": f"{row['name']} (`{row['path']}`)",
                "figure": f"{_fmt(row['median_ms'])} ms at {largest['size']:,} "
                f"(SQL {_fmt(row['sql_ms'])} / view {_fmt(row['view_ms'])} "
                f"/ template {_fmt(row['template_ms'])})",
                "queries": " → ".join(f"{q}" for _, q in sizes),
                "baseline": f"own SQL bare {_fmt(row['replay_ms'])} ms; "
                f"bare view {_fmt(largest['bare_view_ms'])} ms",
                "ratio": ratio and round(ratio, 1),
                "target": f"≤ {row['target']:g}x own SQL; same queries at every size",
                "holds": holds,
            }
        )
    return rows


def webhook_rows(results: dict) -> list[dict]:
    hook = results.get("webhook")
    if not hook:
        return []
    ratio = hook["webhook_per_s"] / hook["bare_view_per_s"]
    return [
        {
            "path": "webhook acknowledgement (`/billing/stripe/webhook/`)",
            "figure": f"{hook['webhook_per_s']} events/s "
            f"({hook['stored_once']}/{hook['events']} stored once)",
            "queries": "-",
            "baseline": f"bare Django view {hook['bare_view_per_s']}/s "
            f"(raw ASGI {hook['raw_asgi_per_s']}/s)",
            "ratio": round(ratio, 2),
            "target": "≥ 2x bare view",
            "holds": ratio >= 2,
        }
    ]


def messaging_rows(results: dict) -> list[dict]:
    data = results.get("messaging")
    if not data:
        return []
    echo, real = data["echo"], data["conversations"]
    cpu = real["server_cpu_ms_per_msg"] / echo["server_cpu_ms_per_msg"]
    saturation = real["saturation_msg_per_s"] / echo["saturation_msg_per_s"]
    return [
        {
            "path": "messaging: server CPU per message",
            "figure": f"{real['server_cpu_ms_per_msg']} ms",
            "queries": "-",
            "baseline": f"echo {echo['server_cpu_ms_per_msg']} ms",
            "ratio": round(cpu, 2),
            "target": "≤ 1.3x echo",
            "holds": cpu <= 1.3,
        },
        {
            "path": "messaging: saturation (one daphne)",
            "figure": f"{real['saturation_msg_per_s']} msg/s",
            "queries": "-",
            "baseline": f"echo {echo['saturation_msg_per_s']} msg/s",
            "ratio": round(saturation, 2),
            "target": "≥ 0.75x echo",
            "holds": saturation >= 0.75,
        },
        {
            "path": "messaging: delivery p99 at half echo saturation",
            "figure": f"{real['p99_ms']} ms at {real['rate_msg_per_s']} msg/s "
            f"(p50 {real['p50_ms']} ms, {real['undelivered']} undelivered)",
            "queries": "-",
            "baseline": f"echo p99 {echo['p99_ms']} ms",
            "ratio": round(real["p99_ms"] / echo["p99_ms"], 1)
            if echo["p99_ms"]
            else None,
            "target": "< 100 ms",
            "holds": real["p99_ms"] < 100 and not real["undelivered"],
        },
    ]


def scaleout_rows(results: dict) -> list[dict]:
    data = results.get("scaleout")
    if not data:
        return []
    http, msg = data["http"], data["messaging"]
    ratio = http["two"]["requests_per_s"] / http["one"]["requests_per_s"]
    cost = msg["two"]["cpu_ms_per_msg"] / msg["one"]["cpu_ms_per_msg"]
    return [
        {
            "path": f"scale-out: needs list behind nginx (`{http['path']}`)",
            "figure": f"{http['two']['requests_per_s']} req/s with 2 daphne",
            "queries": "-",
            "baseline": f"1 daphne {http['one']['requests_per_s']} req/s",
            "ratio": round(ratio, 2),
            "target": "≥ 1.5x one process",
            "holds": ratio >= 1.5,
        },
        {
            "path": "scale-out: message CPU, members on 2 processes",
            "figure": f"{msg['two']['cpu_ms_per_msg']} ms per message",
            "queries": "-",
            "baseline": f"members on 1 process {msg['one']['cpu_ms_per_msg']} ms",
            "ratio": round(cost, 2),
            "target": "≤ 1.2x one process",
            "holds": cost <= 1.2,
        },
    ]


CLOSE_TARGET_S = 60
CLOSE_TARGET_ENTRIES = 1_000_000


def transparency_rows(results: dict) -> list[dict]:
    """The open accounts: each path at every size, and the month's close."""
    runs = sorted(results.get("transparency", []), key=lambda run: run["entries"])
    if not runs:
        return []
    largest = runs[-1]
    at = f"{largest['entries']:,} entries closed + {largest['open_month_entries']:,} open"
    rows = []

    def ratio_of(path):
        return path["median_ms"] / path["replay_ms"] if path["replay_ms"] else None

    for name, row in largest["paths"].items():
        counts = [run["paths"][name]["queries"] for run in runs]
        constant = len(set(counts)) == 1
        ratios = [ratio_of(run["paths"][name]) for run in runs]
        # the target holds at every size: the worst ratio is the row's
        ratio = None if None in ratios else max(ratios)
        smaller = "; ".join(
            f"{_fmt(run['paths'][name]['median_ms'])} ms at {run['entries']:,} + "
            f"{run['open_month_entries']:,} ({_fmt(r, 'x')})"
            for run, r in zip(runs[:-1], ratios[:-1], strict=True)
        )
        rows.append(
            {
                "path": f"open accounts: {name}, empty cache (`{row['path']}`)",
                "figure": f"{_fmt(row['median_ms'])} ms at {at} "
                f"(SQL {_fmt(row['sql_ms'])} / view {_fmt(row['view_ms'])} "
                f"/ template {_fmt(row['template_ms'])}, {_fmt(ratios[-1], 'x')})"
                + (f"; {smaller}" if smaller else ""),
                "queries": " → ".join(str(count) for count in counts),
                "baseline": f"own SQL bare {_fmt(row['replay_ms'])} ms; "
                f"bare view {_fmt(largest['bare_view_ms'])} ms",
                "ratio": ratio and round(ratio, 1),
                "target": "≤ 10x own SQL at every size; same queries at every size",
                "holds": ratio is not None and ratio <= 10 and constant,
            }
        )
    growth = "; ".join(
        f"{_fmt(run['close_s'])} s at {run['entries']:,}" for run in runs[:-1]
    )
    ratio = (
        largest["close_s"] / largest["close_baseline_s"]
        if largest["close_baseline_s"]
        else None
    )
    rows.append(
        {
            "path": "open accounts: close of a month (`transparency.services.month_close`)",
            "figure": f"{_fmt(largest['close_s'])} s at {largest['entries']:,} entries"
            + (f" ({growth})" if growth else ""),
            "queries": " → ".join(str(run["close_queries"]) for run in runs),
            "baseline": f"bare GROUP BY of the month {_fmt(largest['close_baseline_s'])} s",
            "ratio": ratio and round(ratio, 1),
            "target": f"< {CLOSE_TARGET_S} s at {CLOSE_TARGET_ENTRIES:,} entries",
            "holds": largest["entries"] >= CLOSE_TARGET_ENTRIES
            and largest["close_s"] < CLOSE_TARGET_S,
        }
    )
    return rows


def rows(results: dict) -> list[dict]:
    return [
        *page_rows(results),
        *webhook_rows(results),
        *messaging_rows(results),
        *scaleout_rows(results),
        *transparency_rows(results),
    ]


def markdown(results: dict) -> str:
    sizes = " and ".join(f"{size:,}" for size in results.get("sizes", []))
    load = ", ".join(f"{x:.1f}" for x in results.get("load_average", []))
    lines = [
        "# Benchmark results (written by `make bench`)",
        "",
        f"Run {results.get('started_at')} → {results.get('finished_at')} UTC on "
        f"{results.get('cpus')} CPUs (load average at the end: {load}); data sizes "
        f"{sizes} needs. Every ratio compares two figures of this same run.",
        "",
        "| path | figure | queries | baseline (same run) | ratio | target | holds |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in results.get("rows", []):
        holds = "yes" if row["holds"] else "**no**"
        lines.append(
            f"| {row['path']} | {row['figure']} | {row['queries']} | {row['baseline']} "
            f"| {_fmt(row['ratio'], 'x')} | {row['target']} | {holds} |"
        )
    return "\n".join(lines) + "\n"
