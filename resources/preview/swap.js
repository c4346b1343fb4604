// Runs in QtWebEngine's ApplicationWorld: the page's own (post) scripts never see these functions,
// and the page's Content-Security-Policy (script-src 'none') does not apply to them.
(function () {
  "use strict";
  const REMOTE = /^\s*(?:(?:https?|ftp):)?\/\//i;
  const MEDIA = "img, iframe, video, audio, source, embed, object, picture > source, input[type=image]";

  function isRemote(el) {
    for (const attr of ["src", "data", "poster", "srcset"]) {
      const value = el.getAttribute(attr);
      if (value && REMOTE.test(value)) return value.trim().split(/\s+/)[0];
    }
    return null;
  }

  // Replace remote media with a visible placeholder before anything is inserted into the page.
  function neutralize(root, allowRemote) {
    for (const a of root.querySelectorAll("a[target]")) a.removeAttribute("target");
    // <meta http-equiv="refresh"> would navigate the preview away; <base> would re-aim links.
    for (const el of Array.from(root.querySelectorAll("meta, base"))) el.remove();
    if (allowRemote) return;
    for (const el of Array.from(root.querySelectorAll(MEDIA))) {
      const url = isRemote(el);
      if (url === null) continue;
      if (el.tagName === "SOURCE") { el.remove(); continue; }
      const box = document.createElement("span");
      box.className = "blogdesk-blocked";
      box.setAttribute("data-blocked-src", url);
      box.title = url;
      const alt = el.getAttribute("alt");
      const kind = el.tagName === "IMG" ? "Remote image blocked" : "Remote content blocked";
      box.textContent = kind + (alt ? " (" + alt + ")" : "") + ": " + url;
      el.replaceWith(box);
    }
  }

  // Swap the post body in place: only the top-level nodes that changed are replaced, so the
  // page keeps its scroll position and the browser re-lays out as little as possible.
  window.blogdeskSwap = function (html, allowRemote) {
    const root = document.getElementById("blogdesk-content");
    const tpl = document.createElement("template");  // inert: nothing in it loads or runs
    tpl.innerHTML = html;
    neutralize(tpl.content, allowRemote);
    const fresh = Array.from(tpl.content.childNodes);
    const old = Array.from(root.childNodes);
    let start = 0;
    while (start < fresh.length && start < old.length && fresh[start].isEqualNode(old[start])) start++;
    let endF = fresh.length, endO = old.length;
    while (endF > start && endO > start && fresh[endF - 1].isEqualNode(old[endO - 1])) { endF--; endO--; }
    const anchor = endO < old.length ? old[endO] : null;
    for (let i = start; i < endO; i++) old[i].remove();
    const frag = document.createDocumentFragment();
    for (let i = start; i < endF; i++) frag.appendChild(fresh[i]);
    root.insertBefore(frag, anchor);
    return endF - start;
  };

  // The post's title, in the plain page's <h1> or where the captured blog theme shows it.
  window.blogdeskSetTitle = function (text) {
    const el = document.getElementById("blogdesk-title");
    if (el && el.textContent !== text) el.textContent = text;
    document.title = text || "Preview";
    return !!el;
  };

  window.blogdeskSetTheme = function (theme) {
    document.documentElement.setAttribute("data-theme", theme);
  };

  // Keep the part of the page that belongs to source line `line` in view. `points` are
  // [sourceLine, elementId] pairs (the headings); positions between them are interpolated.
  window.blogdeskScrollToLine = function (line, points, totalLines) {
    const doc = document.documentElement;
    const pts = [[0, 0]];
    for (const [l, id] of points) {
      const el = document.getElementById(id);
      if (!el) continue;
      const y = el.getBoundingClientRect().top + window.scrollY;
      if (l > pts[pts.length - 1][0] && y >= pts[pts.length - 1][1]) pts.push([l, y]);
    }
    const last = Math.max(totalLines, pts[pts.length - 1][0] + 1);
    pts.push([last, Math.max(doc.scrollHeight - window.innerHeight * 0.4, pts[pts.length - 1][1])]);
    let i = 0;
    while (i + 2 < pts.length && pts[i + 1][0] <= line) i++;
    const a = pts[i], b = pts[i + 1];
    const f = Math.min(1, Math.max(0, (line - a[0]) / Math.max(1, b[0] - a[0])));
    const y = a[1] + f * (b[1] - a[1]);
    const h = window.innerHeight;
    if (y < window.scrollY + h * 0.1 || y > window.scrollY + h * 0.8) {
      window.scrollTo(0, Math.max(0, y - h / 3));
    }
    return window.scrollY;
  };
})();
