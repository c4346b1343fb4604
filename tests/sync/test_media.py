"""EXIF GPS stripping, the media ledger, finding images and rewriting their links."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from blogdesk.sync.media.exifstrip import GPS_IFD, has_gps, strip_gps
from blogdesk.sync.media.imagelinks import local_image_refs, rewrite_image_links
from blogdesk.sync.media.ledger import (
    MediaError,
    MediaLedger,
    file_hash,
    find_images,
    reference_key,
)

ORIENTATION = 0x0112
EXIF_IFD = 0x8769
DATE_TAKEN = 0x9003


def _exif(gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "TestCam"
    exif.get_ifd(EXIF_IFD)[DATE_TAKEN] = "2024:01:02 03:04:05"
    if gps:
        info = exif.get_ifd(GPS_IFD)
        info[1] = "N"
        info[2] = (52.0, 31.0, 12.5)
        info[3] = "E"
        info[4] = (13.0, 24.0, 1.0)
    return exif


def _image(fmt: str, gps: bool = True) -> bytes:
    buffer = io.BytesIO()
    img = Image.new("RGB", (40, 20), "orange")
    for x in range(40):
        img.putpixel((x, x % 20), (x * 5, 0, 255 - x * 5))
    img.save(buffer, fmt, exif=_exif(gps).tobytes())
    return buffer.getvalue()


def _jpeg_scan(data: bytes) -> bytes:
    """The compressed image data (from Start Of Scan): must be untouched by stripping."""
    return data[data.index(b"\xff\xda") :]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_gps_is_removed_and_the_rest_kept(fmt: str) -> None:
    data = _image(fmt)
    assert has_gps(data)
    out = strip_gps(data)
    assert not has_gps(out)
    with Image.open(io.BytesIO(out)) as img:
        exif = img.getexif()
        assert exif[ORIENTATION] == 6
        assert exif[0x010F] == "TestCam"
        assert exif.get_ifd(EXIF_IFD)[DATE_TAKEN] == "2024:01:02 03:04:05"
        assert not exif.get_ifd(GPS_IFD)
        img.load()  # still a valid image
    with Image.open(io.BytesIO(data)) as a, Image.open(io.BytesIO(out)) as b:
        assert a.tobytes() == b.tobytes()  # same pixels: nothing recompressed


def test_jpeg_image_data_is_not_recompressed() -> None:
    data = _image("JPEG")
    out = strip_gps(data)
    assert _jpeg_scan(out) == _jpeg_scan(data)
    assert len(out) < len(data)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_image_without_gps_is_returned_byte_for_byte(fmt: str) -> None:
    data = _image(fmt, gps=False)
    assert strip_gps(data) is data or strip_gps(data) == data


def test_not_an_image_is_left_alone() -> None:
    assert strip_gps(b"hello") == b"hello"


def test_png_chunk_crc_is_valid_after_stripping() -> None:
    import zlib

    out = strip_gps(_image("PNG"))
    pos = 8
    while pos < len(out):
        (length,) = struct.unpack(">I", out[pos : pos + 4])
        kind = out[pos + 4 : pos + 8]
        body = out[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", out[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        pos += 12 + length


# ----------------------------------------------------------------------------------- ledger


def test_ledger_remembers_uploads_per_account_across_instances(tmp_path: Path) -> None:
    ledger = MediaLedger(tmp_path)
    digest = file_hash(b"picture")
    assert ledger.lookup("acc1", digest) is None
    ledger.record("acc1", digest, "17", "https://blog/x.png", "x.png")
    again = MediaLedger(tmp_path)  # a new process: read from disk
    entry = again.lookup("acc1", digest)
    assert entry is not None and entry.remote_id == "17" and entry.url == "https://blog/x.png"
    assert again.lookup("acc2", digest) is None
    assert (tmp_path / ".blogdesk" / "media.sqlite3").is_file()
    assert again.forget("acc1") == 1
    assert again.lookup("acc1", digest) is None


def test_find_images_beside_post_and_in_media(tmp_path: Path) -> None:
    post_dir = tmp_path / "posts"
    post_dir.mkdir()
    (post_dir / "a b.png").write_bytes(b"x")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "c.jpg").write_bytes(b"y")
    found = find_images(
        ["a%20b.png", "c.jpg", "/media/c.jpg", "http://x/y.png"], post_dir, tmp_path
    )
    assert [f.path.name for f in found] == ["a b.png", "c.jpg", "c.jpg"]
    assert found[1].mime == "image/jpeg"
    with pytest.raises(MediaError, match=r"missing\.png"):
        find_images(["missing.png"], post_dir, tmp_path)


# ---------------------------------------------------------------------------- link rewrite


def test_rewrite_touches_only_local_image_attributes() -> None:
    html = (
        '<p><img alt="a &amp; b" src="pics/a%20b.png" '
        "srcset='pics/a%20b.png 1x, big.png 2x'>"
        '<a href="big.png" title="big.png">zoom</a> <a href="notes.md">notes</a> '
        '<a href="https://x.org/big.png">remote</a></p>\n'
        '<pre><code>&lt;img src="big.png"&gt;</code></pre>\n<!-- <img src="big.png"> -->\n'
    )
    refs = local_image_refs(html)
    assert [reference_key(r) for r in refs] == [
        "pics/a b.png",
        "pics/a b.png",
        "big.png",
        "big.png",
    ]
    out = rewrite_image_links(
        html, {"pics/a b.png": "https://b/a.png", "big.png": "https://b/big.png?x=1&y=2"}
    )
    assert 'src="https://b/a.png"' in out
    assert 'srcset="https://b/a.png 1x, https://b/big.png?x=1&amp;y=2 2x"' in out
    assert 'href="https://b/big.png?x=1&amp;y=2" title="big.png"' in out
    assert 'href="notes.md"' in out and 'href="https://x.org/big.png"' in out
    # Text that merely looks like a tag is never touched.
    assert '<pre><code>&lt;img src="big.png"&gt;</code></pre>' in out
    assert '<!-- <img src="big.png"> -->' in out
    assert 'alt="a &amp; b"' in out


def test_rewrite_without_mapping_returns_the_same_text() -> None:
    html = '<img src="a.png">'
    assert rewrite_image_links(html, {}) == html


# ------------------------------------------------------------------------- properties


_names = st.text(alphabet="abcdefghij-_ 0123", min_size=1, max_size=12).map(
    lambda s: s.strip() or "x"
)


# HTML-ish text full of image tags and attributes, which can never name the image "qq.png": no
# "q" (nor "%" or "&", which could spell one as %71 or &#113;).
_no_q = st.characters(codec=None, categories=None, exclude_characters="qQ%&")
_html_bits = st.sampled_from(
    [
        '<img src="',
        "<IMG SRC=",
        '<a href="',
        '<picture><source srcset="',
        ' srcset="',
        " 2x, ",
        "'",
        '"',
        ">",
        " ",
        "a.png",
        "media/b.jpg",
        "file:///tmp/c.png",
        "?v=1",
        "#top",
        "https://example.org/d.png",
    ]
)
_html_like = st.lists(_html_bits | _no_q, max_size=60).map("".join)


@given(_html_like)
def test_rewrite_leaves_text_without_the_mapped_image_unchanged(text: str) -> None:
    # Other local images ("a.png", "media/b.jpg") are referenced, just not the one mapped.
    assert rewrite_image_links(text, {"qq.png": "https://b/qq.png"}) == text


@given(st.lists(_names, min_size=1, max_size=6), st.text(alphabet="xyz <>&\n", max_size=40))
def test_every_local_image_is_rewritten_and_nothing_else(names: list[str], filler: str) -> None:
    import html as html_module
    import re
    from urllib.parse import quote

    parts = []
    for n, name in enumerate(names):
        src = quote(f"{name}.png")
        parts.append(f"<p>{html_module.escape(filler)}</p>")
        parts.append(
            f'<img alt="{n}" src="{src}">'
            if n % 2
            else f'<a href="{src}"><img src="{src}" srcset="{src} 2x"></a>'
        )
    source = "\n".join(parts)
    mapping = {f"{name}.png": f"https://cdn.example/{i}.png" for i, name in enumerate(names)}
    out = rewrite_image_links(source, mapping)
    assert local_image_refs(out) == []
    strip = re.compile(r"<[^>]*>")
    assert strip.sub("", out) == strip.sub("", source)  # text between tags untouched
