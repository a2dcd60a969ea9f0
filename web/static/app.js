// The live checker: scans the text as it is typed and highlights findings in place.
(function () {
  "use strict";
  const root = document.querySelector(".checker");
  if (!root) return;
  const csrf = root.dataset.csrf;
  const text = document.getElementById("text");
  const backdrop = document.getElementById("backdrop");
  const context = document.getElementById("context");
  const review = document.getElementById("review");
  const reviewBox = document.getElementById("review-box");
  const verdict = document.getElementById("verdict");
  const list = document.getElementById("findings");
  const sugBox = document.getElementById("suggestion-box");
  const sug = document.getElementById("suggestion");
  const useSug = document.getElementById("use-suggestion");
  const labels = { allow: "Allowed: no PHI found.", review: "Needs review: a person should look at the marked words.", block: "Blocked: this discloses PHI." };
  let timer = null, seq = 0;

  // Findings carry UTF-8 byte offsets; JavaScript strings count UTF-16 units.
  function byteToIndex(s, byteOffset) {
    let bytes = 0;
    for (let i = 0; i < s.length; i++) {
      if (bytes >= byteOffset) return i;
      const c = s.codePointAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (c >= 0x10000) i++;
    }
    return s.length;
  }

  function render(s, findings) {
    backdrop.textContent = "";
    let at = 0;
    for (const f of findings) {
      const start = byteToIndex(s, f.start), end = byteToIndex(s, f.end);
      if (start < at) continue;
      backdrop.appendChild(document.createTextNode(s.slice(at, start)));
      const m = document.createElement("mark");
      m.className = f.effect;
      m.textContent = s.slice(start, end);
      backdrop.appendChild(m);
      at = end;
    }
    backdrop.appendChild(document.createTextNode(s.slice(at) + "\n"));
  }

  function show(res, s) {
    render(s, res.findings);
    verdict.textContent = labels[res.verdict] || res.verdict;
    verdict.className = "verdict " + res.verdict;
    list.textContent = "";
    for (const f of res.findings) {
      const li = document.createElement("li");
      li.className = f.effect;
      const k = document.createElement("strong");
      k.textContent = f.kind + " ";
      const q = document.createElement("q");
      q.textContent = f.text;
      li.append(k, q, document.createTextNode(": " + f.reason));
      list.appendChild(li);
    }
    sugBox.hidden = !res.suggestion;
    sug.textContent = res.suggestion || "";
  }

  async function check() {
    const s = text.value, mine = ++seq;
    if (!s.trim()) { render("", []); verdict.textContent = "Nothing to check yet."; verdict.className = "verdict"; list.textContent = ""; sugBox.hidden = true; return; }
    const body = { text: s, context: context.value };
    if (context.value !== "post" && review.value.trim()) body.in_reply_to = review.value;
    try {
      const r = await fetch("/api/v1/scan", { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: JSON.stringify(body) });
      const res = await r.json();
      if (mine !== seq) return; // a newer keystroke is on its way
      if (!r.ok) { verdict.textContent = (res.error && res.error.message) || "The check failed."; verdict.className = "verdict error"; return; }
      show(res, s);
    } catch (e) {
      if (mine === seq) { verdict.textContent = "Could not reach the server."; verdict.className = "verdict error"; }
    }
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(check, 150); }
  text.addEventListener("input", () => { render(text.value, []); schedule(); });
  text.addEventListener("scroll", () => { backdrop.scrollTop = text.scrollTop; });
  review.addEventListener("input", schedule);
  context.addEventListener("change", () => { reviewBox.hidden = context.value === "post"; schedule(); });
  useSug.addEventListener("click", () => { text.value = sug.textContent; text.focus(); check(); });
})();
