"""The encrypted image store: AES-256-GCM, bound to the document id, random names, a 0600 key file."""

from __future__ import annotations

import base64
import stat

import pytest

from honnin.store import ImageStore, StoreError, load_key

KEY = bytes(range(32))


def test_images_round_trip_and_are_not_readable_on_disk(tmp_path) -> None:
    store = ImageStore(tmp_path, KEY)
    secret = b"\xff\xd8\xff\xe0" + "山田太郎 東京都千代田区".encode() * 20
    name = store.put("doc-1", secret)
    assert store.get("doc-1", name) == secret
    on_disk = (tmp_path / name).read_bytes()
    assert "山田太郎".encode() not in on_disk and len(on_disk) == len(secret) + 4 + 12 + 16
    assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_the_same_image_encrypts_differently_each_time_under_a_random_name(tmp_path) -> None:
    store = ImageStore(tmp_path, KEY)
    a, b = store.put("d", b"same"), store.put("d", b"same")
    assert a != b and len(a) == 32
    assert (tmp_path / a).read_bytes() != (tmp_path / b).read_bytes()


def test_a_file_opens_only_for_its_own_document_and_key(tmp_path) -> None:
    store = ImageStore(tmp_path, KEY)
    name = store.put("doc-1", b"image")
    with pytest.raises(StoreError):
        store.get("doc-2", name)
    with pytest.raises(StoreError):
        ImageStore(tmp_path, bytes(32)).get("doc-1", name)
    data = bytearray((tmp_path / name).read_bytes())
    data[-1] ^= 1
    (tmp_path / name).write_bytes(bytes(data))
    with pytest.raises(StoreError):
        store.get("doc-1", name)


@pytest.mark.parametrize("name", ["../etc/passwd", "/etc/passwd", "a" * 31, "A" * 32, "..", ""])
def test_names_that_are_not_store_ids_never_touch_the_disk(tmp_path, name) -> None:
    store = ImageStore(tmp_path / "images", KEY)
    with pytest.raises(StoreError):
        store.get("d", name)
    with pytest.raises(StoreError):
        store.delete(name or "x")


def test_the_key_file_is_created_once_with_mode_0600(tmp_path) -> None:
    path = tmp_path / "keys" / "image.key"
    first = load_key(None, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(None, path) == first and len(first) == 32


def test_a_configured_key_wins_and_must_be_256_bits(tmp_path) -> None:
    assert load_key(base64.b64encode(KEY).decode(), tmp_path / "unused") == KEY
    assert not (tmp_path / "unused").exists()
    with pytest.raises(ValueError):
        load_key(base64.b64encode(b"short").decode(), tmp_path / "unused")
