"""The encrypted image store: AES-256-GCM files named by random ids, bound to their document id."""

from __future__ import annotations

import base64
import os
import re
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NAME = re.compile(r"^[0-9a-f]{32}$")
_MAGIC = b"HNN1"


class StoreError(Exception):
    """A file is missing, was tampered with, or belongs to another document."""


def load_key(image_key: str | None, key_file: Path) -> bytes:
    """The configured base64 key, else the key file, created with mode 0600 on first use (demo)."""
    if image_key:
        key = base64.b64decode(image_key, validate=True)
    else:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = base64.b64decode(key_file.read_text().strip(), validate=True)
        else:
            key = AESGCM.generate_key(bit_length=256)
            with os.fdopen(fd, "w") as handle:
                handle.write(base64.b64encode(key).decode() + "\n")
    if len(key) != 32:
        raise ValueError("the image key must be 32 bytes (AES-256), base64-encoded")
    return key


class ImageStore:
    """Files live flat under `root` as <random hex>; the document id is the AEAD associated data."""

    def __init__(self, root: Path, key: bytes) -> None:
        self._root = root
        self._aead = AESGCM(key)
        root.mkdir(parents=True, exist_ok=True)

    def put(self, document_id: str, data: bytes) -> str:
        name = secrets.token_hex(16)
        nonce = os.urandom(12)
        sealed = _MAGIC + nonce + self._aead.encrypt(nonce, data, document_id.encode())
        tmp = self._root / f".{name}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(sealed)
        tmp.replace(self._root / name)
        return name

    def get(self, document_id: str, name: str) -> bytes:
        sealed = self._path(name).read_bytes() if self._path(name).exists() else None
        if sealed is None or not sealed.startswith(_MAGIC):
            raise StoreError("image not found")
        nonce, body = sealed[4:16], sealed[16:]
        try:
            return self._aead.decrypt(nonce, body, document_id.encode())
        except Exception as exc:  # InvalidTag: wrong key, tampered file or another document's file
            raise StoreError("image failed authentication") from exc

    def delete(self, name: str | None) -> None:
        if name:
            self._path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self._path(name).exists()

    def _path(self, name: str) -> Path:
        # Names come from put(); anything else (a path, '..') is refused before touching the disk.
        if not _NAME.match(name):
            raise StoreError("invalid image name")
        return self._root / name


def open_store(settings) -> ImageStore:
    """The store configured by `settings` (honnin.config.Settings)."""
    key = load_key(settings.image_key, settings.resolved_image_key_file)
    return ImageStore(settings.data_dir / "images", key)
