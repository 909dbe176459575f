"""An atheris (libFuzzer) harness for the corpus loader, ``load_corpus``.

Each input is one corpus directory: a flags byte, then the contents of ``documents.jsonl``,
``mentions.jsonl``, ``claims.jsonl`` and ``texts/text.txt``, separated by the byte 0x1E
(ASCII record separator). A part that is not there is a file that is not there;
``documents.jsonl`` is always written. Bit 0 of the flags byte asks for lenient loading,
bit 1 for ``check_names``.

A crash is any exception that is not a :class:`~sistercity_provenance.SisterCityError`,
and also a broken promise: an error that does not name its file (and its line, when a
line is at fault), or a loaded corpus whose spans do not quote their documents.

Run it for a bounded time (new inputs go to the first directory, the seeds are only read)::

    python fuzz/fuzz_corpus_loader.py -max_total_time=60 -dict=fuzz/corpus_loader.dict \\
        -artifact_prefix=fuzz/crashes/ "$(mktemp -d)" fuzz/seeds

See fuzz/README.md.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["sistercity_provenance"]):
    import sistercity_provenance._io  # noqa: F401  (the loader imports it lazily)
    from sistercity_provenance import InputFormatError, SisterCityError
    from sistercity_provenance.provenance import Corpus, load_corpus

SEPARATOR = b"\x1e"
PARTS = ("documents.jsonl", "mentions.jsonl", "claims.jsonl", "texts/text.txt")
LENIENT, CHECK_NAMES = 1, 2

_ROOT = Path(tempfile.mkdtemp(prefix="fuzz-corpus-loader-")) / "corpus"
# Removed when Python exits normally (a replay); libFuzzer's own exit skips this.
atexit.register(shutil.rmtree, _ROOT.parent, ignore_errors=True)


def write_corpus(data: bytes, root: Path = _ROOT) -> tuple[bool, bool]:
    """Write the corpus an input describes to ``root``; return (lenient, check_names)."""
    flags, body = (data[0], data[1:]) if data else (0, b"")
    parts = body.split(SEPARATOR, len(PARTS) - 1)
    (root / "texts").mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(PARTS):
        path = root / name
        if i < len(parts):
            path.write_bytes(parts[i])
        elif i:  # documents.jsonl is always written (its absence is too easy a path)
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(b"")
    return bool(flags & LENIENT), bool(flags & CHECK_NAMES)


def check_error(exc: SisterCityError, root: Path, *, lenient: bool) -> None:
    """A loading error is an InputFormatError naming a corpus file, and its line if any."""
    if not isinstance(exc, InputFormatError):
        msg = f"load_corpus raised {type(exc).__name__}, not InputFormatError: {exc}"
        raise AssertionError(msg) from exc
    message = str(exc)
    if exc.file not in message or not exc.file.startswith(str(root)):
        msg = f"the error does not name a corpus file: {message!r}"
        raise AssertionError(msg) from exc
    if exc.line is not None:
        if lenient:
            msg = f"lenient loading raised on a line: {message!r}"
            raise AssertionError(msg) from exc
        if f"{exc.file}:{exc.line}" not in message or exc.line < 1:
            msg = f"the error does not name its line: {message!r}"
            raise AssertionError(msg) from exc


def check_corpus(corpus: Corpus) -> None:
    """Every span of a loaded corpus quotes its document's text at its offsets."""
    documents = {d.id: d for d in corpus.documents}
    spans = [m.span for m in corpus.mentions]
    spans += [span for claim in corpus.claims for span in claim.evidence]
    for span in spans:
        text = documents[span.document].text
        if text[span.start : span.end] != span.quote:
            msg = f"span {span} does not quote its document"
            raise AssertionError(msg)


def TestOneInput(data: bytes) -> None:  # noqa: N802 (the name atheris looks for)
    """One input: write the corpus, load it, check the outcome."""
    lenient, check_names = write_corpus(data)
    try:
        corpus = load_corpus(_ROOT, lenient=lenient, check_names=check_names)
    except SisterCityError as exc:
        check_error(exc, _ROOT, lenient=lenient)
        return
    check_corpus(corpus)


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line arguments."""
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
