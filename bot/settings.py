"""Settings: one frozen dataclass, built once from the environment in ``__main__`` after ``load_dotenv()``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from bot.errors import ConfigError

# Every setting the bot reads, with its default ("" = unset). `.env.example` lists exactly these (a test checks).
SETTING_DEFAULTS: dict[str, str] = {
    "DISCORD_TOKEN": "",
    "COMMAND_PREFIX": "!",
    "SHARD_COUNT": "",
    "SHARD_IDS": "",
    "AUTO_EXTRACT_CHANNELS": "",
    "DATABASE_PATH": "./data/quotes.db",
    "DATABASE_URL": "",
    "SPACY_MODEL": "en_core_web_sm",
    "MAX_ARTICLE_CHARS": "200000",
    "MAX_UPLOAD_BYTES": "5000000",
    "FETCH_MAX_BYTES": "5000000",
    "FETCH_TIMEOUT": "15",
    "FETCH_ALLOWED_PORTS": "",
    "ALLOW_PRIVATE_URLS": "0",
    "EXTRACT_WORKERS": "2",
    "MAX_CONCURRENT_EXTRACTIONS": "4",
    "EXTRACT_COOLDOWN_SECONDS": "10",
    "EXTRACT_TIMEOUT_SECONDS": "60",
    "LOG_LEVEL": "INFO",
}


def _int(env: Mapping[str, str], name: str, minimum: int = 0) -> int:
    raw = env.get(name, "").strip() or SETTING_DEFAULTS[name]
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str) -> float:
    raw = env.get(name, "").strip() or SETTING_DEFAULTS[name]
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {value}")
    return value


def _positive(env: Mapping[str, str], name: str) -> float:
    value = _float(env, name)
    if value == 0:
        raise ConfigError(f"{name} must be more than 0, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name, "").strip() or SETTING_DEFAULTS[name]).lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 1 or 0, got {raw!r}")


def _ids(env: Mapping[str, str], name: str) -> frozenset[int]:
    raw = env.get(name, "").strip()
    out: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ConfigError(f"{name} must be a comma-separated list of channel ids, got {part!r}")
        out.add(int(part))
    return frozenset(out)


def _shards(env: Mapping[str, str]) -> tuple[int | None, tuple[int, ...] | None]:
    """Return (SHARD_COUNT, SHARD_IDS) checked together: ids need a count, lie in 0..count-1, appear once."""
    count_raw = env.get("SHARD_COUNT", "").strip()
    ids_raw = env.get("SHARD_IDS", "").strip()
    count = _int(env, "SHARD_COUNT", 1) if count_raw else None
    if not ids_raw:
        return count, None  # every shard (0..SHARD_COUNT-1) in this process, or no sharding at all
    if count is None:
        raise ConfigError("SHARD_IDS needs SHARD_COUNT: set SHARD_COUNT to the total number of shards across "
                          "all processes (the same in each), and SHARD_IDS to this process's share")
    ids: list[int] = []
    for part in ids_raw.split(","):
        part = part.strip()
        if not part.isdecimal():
            raise ConfigError(f"SHARD_IDS must be a comma-separated list of shard numbers, got {part!r}")
        shard = int(part)
        if shard >= count:
            raise ConfigError(f"SHARD_IDS: shard {shard} is out of range; with SHARD_COUNT={count} the shards "
                              f"are 0 to {count - 1}")
        if shard in ids:
            raise ConfigError(f"SHARD_IDS lists shard {shard} twice")
        ids.append(shard)
    return count, tuple(sorted(ids))


@dataclass(frozen=True, slots=True)
class Settings:
    """All runtime settings. Secrets have no default: ``discord_token`` is None when unset."""

    discord_token: str | None
    command_prefix: str
    shard_count: int | None
    shard_ids: tuple[int, ...] | None  # this process's shards (sorted); None = all of SHARD_COUNT
    auto_extract_channels: frozenset[int]
    database_path: Path
    database_url: str | None
    spacy_model: str
    max_article_chars: int
    max_upload_bytes: int
    fetch_max_bytes: int
    fetch_timeout: float
    fetch_allowed_ports: frozenset[int]
    allow_private_urls: bool
    extract_workers: int
    max_concurrent_extractions: int
    extract_cooldown_seconds: float
    extract_timeout_seconds: float
    log_level: str

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Build settings from an environment mapping (``os.environ`` in ``__main__``; a dict in tests)."""
        shard_count, shard_ids = _shards(env)
        ports = _ids(env, "FETCH_ALLOWED_PORTS")
        level = (env.get("LOG_LEVEL", "").strip() or SETTING_DEFAULTS["LOG_LEVEL"]).upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {level!r}")
        prefix = env.get("COMMAND_PREFIX", "") or SETTING_DEFAULTS["COMMAND_PREFIX"]
        return cls(
            discord_token=env.get("DISCORD_TOKEN", "").strip() or None,
            command_prefix=prefix,
            shard_count=shard_count,
            shard_ids=shard_ids,
            auto_extract_channels=_ids(env, "AUTO_EXTRACT_CHANNELS"),
            database_path=Path(env.get("DATABASE_PATH", "").strip() or SETTING_DEFAULTS["DATABASE_PATH"]),
            database_url=_database_url(env),
            spacy_model=env.get("SPACY_MODEL", "").strip() or SETTING_DEFAULTS["SPACY_MODEL"],
            max_article_chars=_int(env, "MAX_ARTICLE_CHARS", 1),
            max_upload_bytes=_int(env, "MAX_UPLOAD_BYTES", 1),
            fetch_max_bytes=_int(env, "FETCH_MAX_BYTES", 1),
            fetch_timeout=_float(env, "FETCH_TIMEOUT"),
            fetch_allowed_ports=ports,
            allow_private_urls=_bool(env, "ALLOW_PRIVATE_URLS"),
            extract_workers=_int(env, "EXTRACT_WORKERS", 1),
            max_concurrent_extractions=_int(env, "MAX_CONCURRENT_EXTRACTIONS", 1),
            extract_cooldown_seconds=_float(env, "EXTRACT_COOLDOWN_SECONDS"),
            extract_timeout_seconds=_positive(env, "EXTRACT_TIMEOUT_SECONDS"),
            log_level=level,
        )


    @property
    def database(self) -> str | Path:
        """Return the database to open: the PostgreSQL server of DATABASE_URL when set, else DATABASE_PATH."""
        return self.database_url or self.database_path


def _database_url(env: Mapping[str, str]) -> str | None:
    url = env.get("DATABASE_URL", "").strip()
    if url and not url.startswith(("postgresql://", "postgres://")):
        raise ConfigError("DATABASE_URL must be a PostgreSQL URL (postgresql://user@host/dbname); "
                          "for a SQLite file set DATABASE_PATH instead")
    return url or None


SETTING_NAMES = tuple(SETTING_DEFAULTS)
assert len(SETTING_NAMES) == len(fields(Settings)), "every Settings field has one environment variable"
