"""Fit a reply's files within what Discord accepts where it is sent: as they are, else zipped, else refused.

Pure functions (no network); zipping a large export takes a while, so callers run :func:`fit_files` in a
thread.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from bot.commands.replies import Attachment

# Discord's upload limit where nothing better is known (a DM, a guild without boosts): 10 MiB per message.
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024
# Room left for the multipart framing and the message JSON around the files.
UPLOAD_OVERHEAD = 64 * 1024


@dataclass(frozen=True, slots=True)
class FittedFiles:
    """The files to send (possibly one zip of them), or why they cannot be sent (``too_large`` set)."""

    attachments: tuple[Attachment, ...]
    too_large: str = ""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def zip_files(attachments: tuple[Attachment, ...]) -> Attachment:
    """Return one .zip holding the attachments (named after the first one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for attachment in attachments:
            archive.writestr(attachment.filename, attachment.data)
    stem = PurePath(attachments[0].filename).stem or "export"
    return Attachment(f"{stem}.zip", buffer.getvalue(), "application/zip")


def fit_files(attachments: tuple[Attachment, ...], limit: int) -> FittedFiles:
    """Return the attachments as they are when they fit in ``limit`` bytes, else zipped when that fits, else
    none with a sentence saying how large they are and what fits."""
    room = max(0, limit - UPLOAD_OVERHEAD)
    size = sum(len(a.data) for a in attachments)
    if size <= room:
        return FittedFiles(attachments)
    zipped = zip_files(attachments)
    if len(zipped.data) <= room:
        return FittedFiles((zipped,))
    return FittedFiles((), too_large=f"the file is {_mb(size)} ({_mb(len(zipped.data))} zipped) and files here "
                                     f"can be at most {_mb(limit)}")
