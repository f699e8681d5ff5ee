"""Getting article text: safe URL fetch, HTML -> text + metadata, file/attachment reading."""

from bot.sources.formats import ACCEPTED_EXTENSIONS, JSONL_EXTENSIONS
from bot.sources.links import is_url
from bot.sources.model import SourceArticle
from bot.sources.reader import fetch_article, read_file, read_source
from bot.sources.uploads import read_upload

__all__ = ["ACCEPTED_EXTENSIONS", "JSONL_EXTENSIONS", "SourceArticle", "fetch_article", "is_url", "read_file",
           "read_source", "read_upload"]
