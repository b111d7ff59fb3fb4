"""Read a multipart upload while counting bytes: refuse oversize bodies before reading them whole."""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.datastructures import FormData, UploadFile

# Room for the multipart boundaries and the small text fields around the file.
MULTIPART_OVERHEAD = 64 * 1024


async def read_form(request: Request, max_file_bytes: int) -> FormData:
    """The form of an upload whose body is at most max_file_bytes plus overhead; 413 otherwise."""
    limit = max_file_bytes + MULTIPART_OVERHEAD
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPException(400, "invalid Content-Length")
        if int(declared) > limit:
            raise HTTPException(413, "upload too large")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, "upload too large")
        chunks.append(chunk)
    request._body = b"".join(chunks)  # Starlette's form parser then reads this buffer, not the socket
    return await request.form(max_files=1, max_fields=10)


async def file_bytes(form: FormData, name: str = "file") -> bytes | None:
    item = form.get(name)
    if not isinstance(item, UploadFile):
        return None
    return await item.read()
