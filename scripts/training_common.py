"""What the training scripts share: reading PolNeAR train, parsing it exactly as serving does, and the ``_meta``
block written into every shipped artefact (training data hash, model name and version, arguments, commit)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "eval"
DEFAULT_TRAIN = SHARED / "polnear" / "train.jsonl"
DATA = ROOT / "bot" / "extraction" / "data"

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def read_docs(path: Path, limit: int = 0) -> list[dict[str, Any]]:
    """Return the documents of a JSONL gold file (the first ``limit`` when it is set)."""
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs[:limit] if limit else docs


def serving_parse(nlp: Language, texts: Sequence[str]) -> Iterator[tuple[str, Doc]]:
    """Yield (parse text, Doc) per text, prepared and parsed the way the extractor does when it serves."""
    from bot.extraction.parsing import parse
    from bot.extraction.pipeline import prepare

    prepared = [prepare(text, max_chars=10**8).parse_text for text in texts]
    yield from zip(prepared, parse(nlp, prepared), strict=True)


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "bot", "scripts"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def meta_block(nlp: Language, train: Path, limit: int, arguments: dict[str, Any]) -> dict[str, Any]:
    """Return the ``_meta`` block that makes an artefact traceable to its data, model, arguments and code."""
    return {
        "script": Path(sys.argv[0]).name,
        "training_data": {"file": train.name, "sha256": file_sha256(train), "limit": limit},
        "model": {"name": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
                  "version": nlp.meta.get("version", "?")},
        "arguments": arguments,
        "commit": _commit(),
    }


def write_artefact(path: Path, payload: dict[str, Any]) -> None:
    """Write an artefact as stable JSON (``_meta`` first, then the payload's keys in the given order)."""
    path.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
