"""SyncService against the local WordPress, compared with the bare HTTP calls.

    .venv/bin/python benchmarks/bench_publish.py [--runs 5] [--images 5] [--pull-posts 1000]

1. Publish a post with 5 new images (JPEG photos, as bench_publish_raw.py makes them) through
   SyncService: render, GPS check, ledger, slug look-up, uploads, create, read-back, record.
   Each run is interleaved with one bare-HTTP publish (bench_publish_raw.publish_once) so both
   see the same server state; the ratio of the medians is printed (goal <= 1.2).
2. Re-publish with nothing changed: time, and the API calls counted (goal: no upload, one update).
3. Pull of N posts (created first through the REST API, deleted afterwards) into an empty library,
   then a second pull (nothing new).
Starts the server with tests/servers/wordpress.sh when it is not running (and stops it after).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_publish_raw import SCRIPT, photo, publish_once, server

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.credentials import MemoryStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.service import SyncService


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def make_posts(api: str, auth: tuple[str, str], count: int) -> list[int]:
    def one(n: int) -> int:
        with requests.Session() as s:
            r = s.post(
                f"{api}wp/v2/posts",
                auth=auth,
                timeout=60,
                json={
                    "title": f"Pull bench {n}",
                    "status": "publish" if n % 3 else "draft",
                    "content": f"<h2>Part {n}</h2>\n<p>Some <em>text</em> for post {n}.</p>"
                    "\n<ul><li>one</li><li>two</li></ul>",
                },
            )
            r.raise_for_status()
            return int(r.json()["id"])

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(one, range(count)))


def delete_all(api: str, auth: tuple[str, str], kind: str, ids: list[int]) -> None:
    def one(item: int) -> None:
        requests.delete(
            f"{api}wp/v2/{kind}/{item}", params={"force": "true"}, auth=auth, timeout=60
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--images", type=int, default=5)
    parser.add_argument("--size", default="1600x1200")
    parser.add_argument("--pull-posts", type=int, default=1000)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    env, started_here = server()
    api = env["WP_URL"] + "/wp-json/"
    auth = (env["WP_USER"], env["WP_APP_PASSWORD"])
    work = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    for name in ("CONFIG", "CACHE", "DATA", "STATE"):
        os.environ[f"BLOGDESK_{name}_DIR"] = str(work / name.lower())
    credentials = MemoryStore()
    accounts = AccountStore(work / "config", work / "cache")
    account = accounts.add(
        Account.new(
            "bench", "wordpress", env["WP_URL"], env["WP_USER"], api_url=api, timezone="UTC"
        )
    )
    credentials.set(account.id, env["WP_APP_PASSWORD"])
    created_posts: list[int] = []
    created_media: list[int] = []
    ours, raw, again = [], [], []
    calls: dict[str, int] = {}
    try:
        with (
            Library.open(work / "library") as library,
            SyncService(
                library, accounts=accounts, credentials=credentials, cache_dir=work / "cache"
            ) as service,
            requests.Session() as s,
        ):
            s.auth = auth
            media = library.root / "media"
            media.mkdir(exist_ok=True)
            publish_once(s, api, [photo(999, (64, 64))], -1)  # warm-up for both
            for run in range(args.runs):
                names = []
                for i in range(args.images):
                    name = f"bench-{os.getpid()}-{run}-{i}.jpg"
                    (media / name).write_bytes(photo(run * 100 + i + 1, size))  # type: ignore[arg-type]
                    names.append(name)
                body = "\n\n".join(
                    f"Paragraph {i}.\n\n![photo {i}](media/{n})" for i, n in enumerate(names)
                )
                post = library.create(
                    f"Bench {run} {os.getpid()}",
                    body,
                    status="published",
                    featured_image=f"media/{names[0]}",
                )
                t = time.perf_counter()
                result = service.publish(post.path, account)
                ours.append(time.perf_counter() - t)
                if result.queued:
                    sys.exit(f"the server stopped answering: {result.notices}")
                created_posts.append(int(result.remote_id))
                created_media += [
                    int(e.remote_id)
                    for e in service.ledger.entries(account.id)
                    if int(e.remote_id) not in created_media
                ]
                images = [(media / n).read_bytes() for n in names]
                total, _ups, _create, media_ids, post_id = publish_once(s, api, images, run)
                raw.append(total)
                created_posts.append(post_id)
                created_media += media_ids
                t = time.perf_counter()
                second = service.publish(post.path, account)
                again.append(time.perf_counter() - t)
                calls = second.calls
                print(
                    f"  run {run + 1}: SyncService {ms(ours[-1])}, raw {ms(raw[-1])}, "
                    f"re-publish {ms(again[-1])}"
                )
            ratio = statistics.median(ours) / statistics.median(raw)
            paired = statistics.median(a / b for a, b in zip(ours, raw, strict=True))
            print(
                f"publish with {args.images} images, median of {args.runs}: SyncService "
                f"{ms(statistics.median(ours))} vs bare HTTP {ms(statistics.median(raw))} "
                f"-> ratio {ratio:.2f}; median of per-run ratios {paired:.2f} (goal <= 1.2)"
            )
            print(
                f"re-publish, nothing changed, median: {ms(statistics.median(again))}; "
                f"calls: {dict(sorted(calls.items()))}"
            )

        if args.pull_posts:
            t = time.perf_counter()
            pulled_ids = make_posts(api, auth, args.pull_posts)
            created_posts += pulled_ids
            print(
                f"created {len(pulled_ids)} posts for the pull in {time.perf_counter() - t:.1f} s"
            )
            with (
                Library.open(work / "pulled") as library,
                SyncService(
                    library, accounts=accounts, credentials=credentials, cache_dir=work / "cache"
                ) as service,
            ):
                t = time.perf_counter()
                first = service.pull(account)
                first_s = time.perf_counter() - t
                t = time.perf_counter()
                second_pull = service.pull(account)
                second_s = time.perf_counter() - t
            print(
                f"pull of {len(first.created)} posts (blog total {first.total_remote}): "
                f"{first_s:.1f} s; pull again: {second_s:.1f} s, "
                f"{len(second_pull.created)} new, {second_pull.unchanged} unchanged"
            )
    finally:
        delete_all(api, auth, "posts", created_posts)
        delete_all(api, auth, "media", created_media)
        if started_here:
            subprocess.run(["bash", str(SCRIPT), "down"], capture_output=True)


if __name__ == "__main__":
    main()
