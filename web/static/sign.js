// The signature pad: pointer strokes on a canvas, sent as a PNG data: URL with the form.
(function () {
  const pad = document.getElementById("pad");
  if (!pad) return;
  const ctx = pad.getContext("2d");
  ctx.lineWidth = 2.5; ctx.lineCap = "round"; ctx.strokeStyle = "#111";
  let drawing = false, drawn = false;
  const at = (e) => { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height]; };
  pad.addEventListener("pointerdown", (e) => { drawing = true; pad.setPointerCapture(e.pointerId); ctx.beginPath(); ctx.moveTo(...at(e)); });
  pad.addEventListener("pointermove", (e) => { if (!drawing) return; ctx.lineTo(...at(e)); ctx.stroke(); drawn = true; });
  pad.addEventListener("pointerup", () => { drawing = false; });
  document.getElementById("clear-pad").addEventListener("click", () => { ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; });
  document.getElementById("sign-form").addEventListener("submit", (e) => {
    if (!drawn) { e.preventDefault(); alert("Please sign in the box."); return; }
    document.getElementById("signature").value = pad.toDataURL("image/png");
  });
})();
