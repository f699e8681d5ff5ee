"""Getting article text: safe URL fetch, HTML -> text + metadata, file/attachment reading."""

from bot.sources.model import SourceArticle
from bot.sources.reader import read_source

__all__ = ["SourceArticle", "read_source"]
