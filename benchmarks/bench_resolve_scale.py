"""Wall time, peak memory and accuracy of the resolver at several sizes.

Run on demand (not part of the test suite)::

    python benchmarks/bench_resolve_scale.py [--sizes 10000 100000 1000000] [--seed 0]
                                             [--profile] [--timeout SECONDS] [--workers N]

Each size runs in a fresh subprocess. Its memory is reported three ways: the peak of all its
processes together (it and the resolver's worker processes, ``--workers``, default one per
processor), sampled every half second as the sum of their proportional set sizes (Linux
only; this is the figure to hold against a memory budget); the peak resident memory of the
subprocess alone; and the largest peak of one worker. The subprocess generates ``n``
labelled mentions with ``generate_mentions.generate``, builds ``Mention`` objects, resolves
them, and scores the result against the gold entities with pairwise and B-cubed precision,
recall and F1. One line is printed per size, then a JSON summary. ``--profile`` runs
cProfile around the resolution of the largest size and prints the 25 functions with the
largest cumulative time (resolution time is then inflated by the profiler).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

_RESULT = "RESULT "

# ---------------------------------------------------------------------------------------------
# Scores, O(n) over cluster sizes and cluster intersections
# ---------------------------------------------------------------------------------------------


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _counts(
    pred: Mapping[str, str], gold: Mapping[str, str]
) -> tuple[Counter[str], Counter[str], Counter[tuple[str, str]]]:
    """Sizes of predicted clusters, gold clusters and their intersections, over gold ids.

    A gold mention missing from ``pred`` counts as a predicted singleton; predicted
    mentions without a gold label are ignored.
    """
    pred_sizes: Counter[str] = Counter()
    gold_sizes: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for mention, g in gold.items():
        p = pred.get(mention)
        if p is None:
            p = "\x00unresolved:" + mention
        pred_sizes[p] += 1
        gold_sizes[g] += 1
        joint[p, g] += 1
    return pred_sizes, gold_sizes, joint


def _pairs(size: int) -> int:
    return size * (size - 1) // 2


def pairwise_scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of the co-referent pairs.

    With no predicted (or gold) pairs, precision (or recall) is 1.0.
    """
    pred_sizes, gold_sizes, joint = _counts(pred, gold)
    true_pairs = sum(_pairs(c) for c in joint.values())
    pred_pairs = sum(_pairs(c) for c in pred_sizes.values())
    gold_pairs = sum(_pairs(c) for c in gold_sizes.values())
    p = true_pairs / pred_pairs if pred_pairs else 1.0
    r = true_pairs / gold_pairs if gold_pairs else 1.0
    return p, r, _f1(p, r)


def bcubed_scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (mean over mentions of the per-mention scores)."""
    if not gold:
        return 1.0, 1.0, 1.0
    pred_sizes, gold_sizes, joint = _counts(pred, gold)
    # Each of the c mentions in (p, g) has precision c / |p| and recall c / |g|.
    p = sum(c * c / pred_sizes[pc] for (pc, _g), c in joint.items()) / len(gold)
    r = sum(c * c / gold_sizes[gc] for (_p, gc), c in joint.items()) / len(gold)
    return p, r, _f1(p, r)


# ---------------------------------------------------------------------------------------------
# One size, in a subprocess
# ---------------------------------------------------------------------------------------------


def _maxrss_kib(who: str = "self") -> int:
    """Peak resident memory of this process, or of the largest of its ended children."""
    import resource

    which = resource.RUSAGE_SELF if who == "self" else resource.RUSAGE_CHILDREN
    return int(resource.getrusage(which).ru_maxrss)  # KiB on Linux


def _cpu_seconds() -> float:
    """Processor time of this process and its finished children (the resolver's workers):
    steadier than wall time where other work shares the machine."""
    import resource  # POSIX only, as _maxrss_kib

    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_one(n: int, seed: int, profile: bool, workers: int | None = None) -> dict[str, Any]:
    """Generate, resolve and score ``n`` mentions in this process."""
    import gc

    start = time.perf_counter()
    from sistercity_provenance.resolve import Mention, Resolver

    import_s = time.perf_counter() - start

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate_mentions import generate

    t = time.perf_counter()
    rows = generate(n, seed)
    generate_s = time.perf_counter() - t

    t = time.perf_counter()
    mentions = [
        Mention(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            document=row["document"],
            attributes=row["attributes"],
        )
        for row in rows
    ]
    gold = {row["id"]: row["entity"] for row in rows}
    build_s = time.perf_counter() - t
    del rows
    gc.collect()
    rss_before = _maxrss_kib()

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    t = time.perf_counter()
    cpu = _cpu_seconds()
    if profiler is not None:
        profiler.enable()
    resolver = Resolver(workers=workers)
    resolution = resolver.resolve(mentions)
    if profiler is not None:
        profiler.disable()
    resolve_s = time.perf_counter() - t
    resolve_cpu_s = _cpu_seconds() - cpu
    rss_after = _maxrss_kib()
    rss_workers = _maxrss_kib("children")

    if profiler is not None:
        import pstats

        print(f"--- cProfile of Resolver().resolve, {n:,} mentions: top 25 by cumulative time")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
        sys.stdout.flush()

    t = time.perf_counter()
    pred = dict(resolution.entity_of)
    pp, pr, pf = pairwise_scores(pred, gold)
    bp, br, bf = bcubed_scores(pred, gold)
    score_s = time.perf_counter() - t
    return {
        "n": n,
        "seed": seed,
        "profiled": profile,
        "gold_entities": len(set(gold.values())),
        "predicted_entities": len(resolution.entities),
        "unresolved_mentions": sum(1 for m in gold if m not in pred),
        "import_s": round(import_s, 3),
        "generate_s": round(generate_s, 3),
        "build_s": round(build_s, 3),
        "resolve_s": round(resolve_s, 3),
        "resolve_cpu_s": round(resolve_cpu_s, 3),
        "score_s": round(score_s, 3),
        "mentions_per_s": round(n / resolve_s, 1) if resolve_s > 0 else None,
        "maxrss_before_resolve_kib": rss_before,
        "maxrss_kib": rss_after,
        "workers": resolver.workers,
        "maxrss_worker_kib": rss_workers,
        "pairwise": {"p": round(pp, 4), "r": round(pr, 4), "f1": round(pf, 4)},
        "bcubed": {"p": round(bp, 4), "r": round(br, 4), "f1": round(bf, 4)},
    }


def _child(n: int, seed: int, profile: bool, workers: int | None) -> None:
    import atexit
    import gc

    # as the command line does (``sistercity_provenance.cli``): the objects left at exit
    # are frozen, so that Python's exit does not walk them all for cycles (3.6 s at 100k)
    atexit.register(gc.freeze)
    result = run_one(n, seed, profile, workers)
    print(_RESULT + json.dumps(result), flush=True)


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------


#: Seconds between two samples of the memory of the process tree.
_SAMPLE_EVERY = 0.5


class _TreeMemory:
    """The peak memory of a process and all its descendants together (the resolver's
    worker processes are forked from it), sampled: at each sample, the sum of their
    proportional set sizes (``Pss`` in ``/proc/PID/smaps_rollup``: a page shared by k
    processes counts 1/k in each), which is the physical memory the tree holds. The sum of
    each process's own peak would count shared pages again in every process; the peak of
    one process would leave out the others. Linux only: elsewhere the peak stays ``None``.
    A peak shorter than the sampling interval can be missed."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kib: int | None = None
        self.peak_processes = 0
        self.peak_at: float | None = None

    def sample(self) -> None:
        pids = self._tree()
        sizes = [size for size in map(self._pss_kib, pids) if size is not None]
        if not sizes:
            return
        total = sum(sizes)
        if self.peak_kib is None or total > self.peak_kib:
            self.peak_kib, self.peak_processes = total, len(sizes)
            self.peak_at = time.perf_counter()

    def _tree(self) -> list[int]:
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            try:
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:  # ended meanwhile, or no /proc
                continue
        return found

    @staticmethod
    def _pss_kib(pid: int) -> int | None:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            return None
        for line in text.splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
        return None


def _spawn(
    n: int, seed: int, profile: bool, timeout: float | None, workers: int | None = None
) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n), "--seed", str(seed)]
    if profile:
        cmd.append("--profile")
    if workers is not None:
        cmd += ["--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output: list[tuple[str, str]] = []
    reader = threading.Thread(target=lambda: output.append(proc.communicate()), daemon=True)
    reader.start()
    tree = _TreeMemory(proc.pid)
    while reader.is_alive():
        if timeout is not None and time.perf_counter() - start > timeout:
            proc.kill()
            reader.join()
            return {"n": n, "seed": seed, "error": f"timed out after {timeout}s"}
        tree.sample()
        reader.join(_SAMPLE_EVERY)
    wall = time.perf_counter() - start
    stdout, stderr = output[0]
    result: dict[str, Any] | None = None
    for line in stdout.splitlines():
        if line.startswith(_RESULT):
            result = json.loads(line[len(_RESULT) :])
        else:
            print(line)
    if proc.returncode != 0 or result is None:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        return {"n": n, "seed": seed, "error": f"exit {proc.returncode}: {tail}"}
    if stderr.strip():
        print(stderr.rstrip(), file=sys.stderr)
    result["process_s"] = round(wall, 3)
    result["tree_peak_kib"] = tree.peak_kib
    result["tree_peak_processes"] = tree.peak_processes
    result["tree_peak_at_s"] = None if tree.peak_at is None else round(tree.peak_at - start, 1)
    return result


def _line(r: dict[str, Any]) -> str:
    if "error" in r:
        return f"n={r['n']:>9,}  ERROR {r['error']}"
    pw, b3 = r["pairwise"], r["bcubed"]
    tree = "unknown"
    if r.get("tree_peak_kib") is not None:
        tree = (
            f"{r['tree_peak_kib'] / 1024:8.1f} MiB ({r['tree_peak_processes']} processes,"
            f" at {r['tree_peak_at_s']:.1f}s)"
        )
    return (
        f"n={r['n']:>9,}  process {r['process_s']:8.2f}s  resolve {r['resolve_s']:8.2f}s"
        f" ({r['mentions_per_s'] or 0:>9,.0f}/s, processor {r['resolve_cpu_s']:.1f}s)"
        f"  generate {r['generate_s']:6.2f}s"
        f"  all processes' peak {tree}"
        f"  this process's peak {r['maxrss_kib'] / 1024:8.1f} MiB"
        f" (before resolve {r['maxrss_before_resolve_kib'] / 1024:.1f};"
        f" {r['workers']} workers, largest {r['maxrss_worker_kib'] / 1024:.1f})"
        f"  entities {r['predicted_entities']:,}/{r['gold_entities']:,}"
        f"  pairwise P/R/F1 {pw['p']:.3f}/{pw['r']:.3f}/{pw['f1']:.3f}"
        f"  B3 P/R/F1 {b3['p']:.3f}/{b3['r']:.3f}/{b3['f1']:.3f}"
        + ("  [profiled]" if r["profiled"] else "")
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the resolution of the largest size"
    )
    parser.add_argument("--timeout", type=float, default=None, help="seconds per size")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes sharing the name comparisons (default: the resolver's, one per processor)",
    )
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:
        _child(args.child, args.seed, args.profile, args.workers)
        return 0

    largest = max(args.sizes)
    results = []
    for n in args.sizes:
        result = _spawn(n, args.seed, args.profile and n == largest, args.timeout, args.workers)
        print(_line(result), flush=True)
        results.append(result)
    from sistercity_provenance._build import build_description

    summary = {"python": sys.version.split()[0], "build": build_description(), "results": results}
    print(json.dumps(summary, indent=2))
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
