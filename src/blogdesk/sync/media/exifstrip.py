"""Remove the location (EXIF GPS) from an image before it leaves the author's computer.

Only the GPS IFD is dropped: orientation, camera, date and the picture itself stay. JPEG, PNG and
WebP are edited at the container level (the EXIF block is swapped for one without GPS), so the
image data is never decoded or recompressed. An image without GPS data is returned unchanged, byte
for byte. Other formats with GPS data are re-saved by Pillow as a last resort.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, UnidentifiedImageError

GPS_IFD = 0x8825
_EXIF_PREFIX = b"Exif\x00\x00"


def _exif_without_gps(block: bytes) -> bytes | None:
    """The EXIF block (with or without the "Exif\\0\\0" prefix) minus GPS; None if no GPS."""
    exif = Image.Exif()
    try:
        exif.load(block)
    except Exception:  # a damaged EXIF block: Pillow raises various errors
        return None
    if GPS_IFD not in exif:
        return None
    exif.get_ifd(GPS_IFD)  # load it so deleting removes it from the written IFDs too
    del exif[GPS_IFD]
    out = exif.tobytes()
    if not block.startswith(_EXIF_PREFIX) and out.startswith(_EXIF_PREFIX):
        out = out[len(_EXIF_PREFIX) :]
    return out


def _strip_jpeg(data: bytes) -> bytes:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xDA, 0xD9):  # start of scan / end of image: no more metadata segments
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        payload = data[pos + 4 : end]
        if marker == 0xE1 and payload.startswith(_EXIF_PREFIX):
            new = _exif_without_gps(payload)
            if new is not None and len(new) + 2 <= 0xFFFF:
                segment = b"\xff\xe1" + struct.pack(">H", len(new) + 2) + new
                data = data[:pos] + segment + data[end:]
                end = pos + len(segment)
        pos = end
    return data


def _strip_png(data: bytes) -> bytes:
    pos = 8
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if kind == b"eXIf":
            new = _exif_without_gps(data[pos + 8 : pos + 8 + length])
            if new is not None:
                crc = zlib.crc32(kind + new) & 0xFFFFFFFF
                chunk = struct.pack(">I", len(new)) + kind + new + struct.pack(">I", crc)
                data = data[:pos] + chunk + data[end:]
                end = pos + len(chunk)
        if kind == b"IEND":
            break
        pos = end
    return data


def _strip_webp(data: bytes) -> bytes:
    pos = 12
    changed = False
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        padded = length + (length & 1)
        end = pos + 8 + padded
        if kind == b"EXIF":
            new = _exif_without_gps(data[pos + 8 : pos + 8 + length])
            if new is not None:
                pad = b"\x00" if len(new) & 1 else b""
                chunk = kind + struct.pack("<I", len(new)) + new + pad
                data = data[:pos] + chunk + data[end:]
                end = pos + len(chunk)
                changed = True
        pos = end
    if changed:
        data = data[:4] + struct.pack("<I", len(data) - 8) + data[8:]
    return data


def has_gps(data: bytes) -> bool:
    """True when the image carries an EXIF GPS block."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            return GPS_IFD in img.getexif()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False


def strip_gps(data: bytes) -> bytes:
    """The image without its GPS data; the same bytes when there was none (or not an image)."""
    if not has_gps(data):
        return data
    if data.startswith(b"\xff\xd8"):
        out = _strip_jpeg(data)
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        out = _strip_png(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        out = _strip_webp(data)
    else:
        out = _resave_without_gps(data)
    if has_gps(out):  # a layout the container editors did not expect: re-save as a last resort
        out = _resave_without_gps(out)
    return out


def _resave_without_gps(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        exif.get_ifd(GPS_IFD)
        del exif[GPS_IFD]
        fmt = img.format or "PNG"
        buffer = io.BytesIO()
        params: dict[str, object] = {"exif": exif.tobytes()}
        if fmt == "JPEG":
            params["quality"] = "keep"  # reuse the original quantisation tables
        img.save(buffer, fmt, **params)
        return buffer.getvalue()
