"""`honnin match`: compare registered and observed fields given as JSON lines, one verdict per line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import typer

_NAME_KEYS = ("kanji", "kana", "romaji")


def _error(message: str) -> dict[str, Any]:
    return {"verdict": "error", "message": message}


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be a non-empty string")
    return value


def _name_part(value: Any, key: str, allowed: tuple[str, ...]) -> dict[str, str | None]:
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must be an object with keys {', '.join(allowed)}")
    unknown = set(value) - set(allowed)
    if unknown:
        raise ValueError(f"'{key}' has unknown keys: {', '.join(sorted(unknown))}")
    parts = {k: value.get(k) for k in allowed}
    if any(v is not None and not isinstance(v, str) for v in parts.values()):
        raise ValueError(f"'{key}' values must be strings")
    if not any(parts.values()):
        raise ValueError(f"'{key}' needs at least one of {', '.join(allowed)}")
    return parts


def compare_line(line: str) -> dict[str, Any]:
    """One input line to one output object; never raises."""
    from matching import (
        DateParseError,
        ObservedName,
        RegisteredName,
        compare_address,
        compare_birthdate,
        compare_name,
        parse_date,
    )

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(f"not JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(item, dict):
        return _error("each line must be a JSON object")
    missing = [k for k in ("field", "registered", "observed") if k not in item]
    if missing:
        return _error(f"missing keys: {', '.join(missing)}")
    field = item["field"]
    try:
        if field == "name":
            reg = _name_part(item["registered"], "registered", _NAME_KEYS)
            obs = _name_part(item["observed"], "observed", _NAME_KEYS)
            if sum(1 for v in obs.values() if v) != 1:
                raise ValueError("'observed' must give exactly one of kanji, kana, romaji")
            result = compare_name(RegisteredName(**reg), ObservedName(**obs))
        elif field == "address":
            result = compare_address(
                _text(item["registered"], "registered"), _text(item["observed"], "observed")
            )
        elif field == "birthdate":
            # Both sides are given as text here, so an impossible date on either side is an input error
            # (in the pipeline an unreadable card date is `uncertain` instead).
            registered, observed = (
                _text(item["registered"], "registered"),
                _text(item["observed"], "observed"),
            )
            result = compare_birthdate(parse_date(registered), parse_date(observed))
        else:
            return _error(f"unknown field {field!r}: expected name, address or birthdate")
    except DateParseError as exc:
        return _error(f"invalid date: {exc}")
    except ValueError as exc:
        return _error(str(exc))
    except Exception as exc:  # one bad line must not stop a batch
        return _error(f"internal error: {type(exc).__name__}")
    return {"verdict": str(result.verdict), "score": round(result.score, 3), "detail": result.detail}


def run(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        if line.strip():
            yield compare_line(line)


def _open(path: str) -> TextIO:
    if path == "-":
        return sys.stdin
    return Path(path).open(encoding="utf-8")


def register(app: typer.Typer) -> None:
    @app.command("match")
    def match_command(
        jsonl: str = typer.Option(..., "--jsonl", help="JSON lines file, or - for standard input."),
    ) -> None:
        """Compare name / address / birthdate pairs: {"field", "registered", "observed"} per line."""
        try:
            stream = _open(jsonl)
        except OSError as exc:
            typer.echo(json.dumps(_error(f"cannot open input: {exc.strerror}"), ensure_ascii=False))
            raise typer.Exit(1) from None
        with stream:
            for result in run(stream):
                typer.echo(json.dumps(result, ensure_ascii=False))
