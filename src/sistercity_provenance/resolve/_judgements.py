"""Human judgements on pairs, kept in SQLite with who, when and why; withdrawals are kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sistercity_provenance.resolve._model import Judgement, Verdict

__all__ = ["JudgementStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS judgements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('same', 'different', 'unsure')),
    by TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX IF NOT EXISTS judgements_pair ON judgements (a, b);
"""


class JudgementStore:
    """Judgements in a SQLite file (``":memory:"`` by default).

    Only the latest judgement on a pair that has not been withdrawn is in force; every
    judgement ever made stays in the table.
    """

    def __init__(self, path: str | Path = ":memory:") -> None:
        self._db = sqlite3.connect(str(path))
        with self._db:
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def add(self, judgement: Judgement) -> None:
        """Record a judgement (order-free pair)."""
        a, b = judgement.pair
        with self._db:
            self._db.execute(
                "INSERT INTO judgements (a, b, verdict, by, reason, at, withdrawn_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (a, b, judgement.verdict.value, judgement.by, judgement.reason, judgement.at,
                 judgement.withdrawn_at),
            )  # fmt: skip

    def withdraw(self, a: str, b: str, *, at: str | None = None) -> int:
        """Withdraw the judgements in force on a pair; returns how many were withdrawn."""
        a, b = (a, b) if a <= b else (b, a)
        when = at or datetime.now(UTC).isoformat(timespec="seconds")
        with self._db:
            cur = self._db.execute(
                "UPDATE judgements SET withdrawn_at = ? WHERE a = ? AND b = ?"
                " AND withdrawn_at IS NULL",
                (when, a, b),
            )
        return cur.rowcount

    def history(self) -> Iterator[Judgement]:
        """Every judgement, withdrawn ones included, in the order they were made."""
        rows = self._db.execute(
            "SELECT a, b, verdict, by, reason, at, withdrawn_at FROM judgements ORDER BY seq"
        )
        for a, b, verdict, by, reason, at, withdrawn in rows:
            yield Judgement(a, b, Verdict(verdict), by, reason, at, withdrawn)

    def in_force(self) -> dict[tuple[str, str], Judgement]:
        """The latest judgement on each pair that has not been withdrawn."""
        current: dict[tuple[str, str], Judgement] = {}
        for j in self.history():
            if j.withdrawn_at is None:
                current[j.pair] = j
        return current
