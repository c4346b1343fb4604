"""The floor for publishing: the bare HTTP calls a post with 5 images needs, on the local WordPress.

    .venv/bin/python benchmarks/bench_publish_raw.py [--runs 5] [--images 5] [--size 1600x1200]

5 media uploads (JPEG photos made with Pillow, raw body + Content-Disposition) and 1 post create,
one `requests.Session` with the application password, nothing else: no rendering, no ledger, no
look-ups. SyncService's full publish is compared against this median. Starts the server with
tests/servers/wordpress.sh when it is not running (and stops it again afterwards). Every run's
posts and media are deleted for good after it is timed.
"""

from __future__ import annotations

import argparse
import io
import random
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests
from PIL import Image

SCRIPT = Path(__file__).resolve().parent.parent / "tests" / "servers" / "wordpress.sh"


def photo(seed: int, size: tuple[int, int]) -> bytes:
    """A JPEG with photo-like detail (a gradient with noise), about 150-400 KB at 1600x1200."""
    rng = random.Random(seed)
    small = Image.new("RGB", (size[0] // 8, size[1] // 8))
    small.putdata(
        [
            (x * 255 // small.width, y * 255 // small.height, rng.randrange(256))
            for y in range(small.height)
            for x in range(small.width)
        ]
    )
    out = io.BytesIO()
    small.resize(size, Image.Resampling.BICUBIC).save(out, "JPEG", quality=88)
    return out.getvalue()


def server() -> tuple[dict[str, str], bool]:
    running = subprocess.run(["bash", str(SCRIPT), "env"], capture_output=True, text=True)
    proc = subprocess.run(["bash", str(SCRIPT), "up"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"WordPress did not start: {proc.stderr.strip()}")
    env = {}
    for line in proc.stdout.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        env[name] = shlex.split(value)[0] if value else ""
    return env, running.returncode != 0


def publish_once(
    s: requests.Session, api: str, images: list[bytes], run: int
) -> tuple[float, list[float], float, list[int], int]:
    started = time.perf_counter()
    upload_times, media_ids, urls = [], [], []
    for i, data in enumerate(images):
        t = time.perf_counter()
        r = s.post(
            f"{api}wp/v2/media",
            data=data,
            headers={
                "Content-Type": "image/jpeg",
                "Content-Disposition": f'attachment; filename="bench-{run}-{i}.jpg"',
            },
            timeout=120,
        )
        r.raise_for_status()
        upload_times.append(time.perf_counter() - t)
        media_ids.append(r.json()["id"])
        urls.append(r.json()["source_url"])
    body = "\n".join(f'<p>Paragraph {i}.</p>\n<img src="{u}" alt="">' for i, u in enumerate(urls))
    t = time.perf_counter()
    r = s.post(
        f"{api}wp/v2/posts",
        json={
            "title": f"Bench {run}",
            "content": body,
            "status": "publish",
            "slug": f"bench-publish-raw-{run}-{time.time_ns()}",
            "featured_media": media_ids[0],
        },
        timeout=120,
    )
    r.raise_for_status()
    create = time.perf_counter() - t
    return time.perf_counter() - started, upload_times, create, media_ids, r.json()["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--images", type=int, default=5)
    parser.add_argument("--size", default="1600x1200")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    env, started_here = server()
    api = env["WP_URL"] + "/wp-json/"
    images = [photo(i, size) for i in range(args.images)]  # type: ignore[arg-type]
    print(
        f"WordPress at {env['WP_URL']}; {args.images} JPEGs {args.size}, "
        f"{sum(map(len, images)) / len(images) / 1024:.0f} KB each on average"
    )
    totals, uploads, creates = [], [], []
    try:
        with requests.Session() as s:
            s.auth = (env["WP_USER"], env["WP_APP_PASSWORD"])
            publish_once(s, api, images[:1], -1)  # warm-up (OPcache, first connection)
            for run in range(args.runs):
                total, ups, create, media_ids, post_id = publish_once(s, api, images, run)
                totals.append(total)
                uploads += ups
                creates.append(create)
                print(f"  run {run + 1}: {total * 1000:.0f} ms")
                s.delete(f"{api}wp/v2/posts/{post_id}", params={"force": "true"}, timeout=60)
                for mid in media_ids:
                    s.delete(f"{api}wp/v2/media/{mid}", params={"force": "true"}, timeout=60)
    finally:
        if started_here:
            subprocess.run(["bash", str(SCRIPT), "down"], capture_output=True)
    print(
        f"publish ({args.images} uploads + 1 create), median of {args.runs}: "
        f"{statistics.median(totals) * 1000:.0f} ms"
    )
    print(f"  one upload, median: {statistics.median(uploads) * 1000:.0f} ms")
    print(f"  post create, median: {statistics.median(creates) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
