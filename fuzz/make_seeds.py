"""Write the seed inputs of fuzz_corpus_loader.py from the small test corpus.

Run from the repository root: ``python fuzz/make_seeds.py`` (it rewrites fuzz/seeds/).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
SMALL = ROOT.parent / "tests" / "corpus" / "sister_cities_small"
SEEDS = ROOT / "seeds"
SEPARATOR = b"\x1e"
LENIENT, CHECK_NAMES = 1, 2


def seed(flags: int, *parts: bytes) -> bytes:
    """One input: the flags byte, then the parts separated by 0x1E."""
    return bytes([flags]) + SEPARATOR.join(parts)


def main() -> None:
    """Write the seeds."""
    documents = (SMALL / "documents.jsonl").read_bytes()
    documents = documents.replace(b"texts/jilin-invitation.txt", b"texts/text.txt")
    mentions = (SMALL / "mentions.jsonl").read_bytes()
    claims = (SMALL / "claims.jsonl").read_bytes()
    text = (SMALL / "texts" / "jilin-invitation.txt").read_bytes()
    crlf = documents.replace(b"\n", b"\r\n")
    broken_mention = mentions + b'{"id": "m-x", "document": "d-nowhere", "text": "x"}\n'
    broken_claim = claims.replace(b'"credibility": 2', b'"credibility": "high"')
    seeds = {
        "small-strict": seed(CHECK_NAMES, documents, mentions, claims, text),
        "small-lenient": seed(LENIENT | CHECK_NAMES, documents, mentions, claims, text),
        "small-documents-only": seed(0, documents, b"", b"", text),
        "small-bom-crlf": seed(0, b"\xef\xbb\xbf" + crlf, mentions, claims, text),
        "small-bad-mention-lenient": seed(LENIENT, documents, broken_mention, claims, text),
        "small-bad-claim": seed(0, documents, mentions, broken_claim, text),
        "tiny": seed(
            0,
            b'{"id": "d", "title": "", "kind": "", "language": "", "date": "",'
            b' "text": "Rong Lei met Rong Lei."}\n',
            b'{"id": "m", "document": "d", "text": "Rong Lei", "kind": "person",'
            b' "occurrence": 2}\n',
            b'{"id": "c", "subject": "m", "predicate": "p", "object": 1,'
            b' "evidence": [{"document": "d", "quote": "met"}]}\n',
        ),
    }
    SEEDS.mkdir(exist_ok=True)
    for old in SEEDS.iterdir():
        old.unlink()
    for name, data in seeds.items():
        (SEEDS / name).write_bytes(data)


if __name__ == "__main__":
    main()
