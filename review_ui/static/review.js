// Reviewer pages: keyboard shortcuts (queue j/k/Enter; case c/a/r/x, j/k) and image zoom/rotate.
(function () {
  "use strict";
  function typing(e) {
    var t = e.target.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || e.ctrlKey || e.metaKey || e.altKey;
  }

  // Queue: move a cursor over rows.
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tr[data-href]"));
  var cursor = -1;
  function mark(i) {
    if (!rows.length) { return; }
    cursor = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, n) { r.classList.toggle("cursor", n === cursor); });
    rows[cursor].scrollIntoView({ block: "nearest" });
  }

  // Case: zoom and rotate each image with CSS transforms.
  var viewers = Array.prototype.slice.call(document.querySelectorAll("figure.viewer"));
  var current = 0;
  viewers.forEach(function (fig) {
    var img = fig.querySelector("img");
    var zoom = 1, angle = 0;
    function apply() { if (img) { img.style.transform = "rotate(" + angle + "deg) scale(" + zoom + ")"; } }
    fig.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () { zoom = Math.max(0.5, Math.min(6, zoom * parseFloat(b.dataset.zoom))); apply(); });
    });
    fig.querySelectorAll("[data-rotate]").forEach(function (b) {
      b.addEventListener("click", function () { angle = (angle + 90) % 360; apply(); });
    });
    if (img) { img.addEventListener("wheel", function (e) { e.preventDefault(); zoom = Math.max(0.5, Math.min(6, zoom * (e.deltaY < 0 ? 1.1 : 0.9))); apply(); }, { passive: false }); }
  });
  function focusViewer(i) {
    if (!viewers.length) { return; }
    current = (i + viewers.length) % viewers.length;
    viewers.forEach(function (v, n) { v.classList.toggle("focused", n === current); });
    viewers[current].scrollIntoView({ block: "nearest" });
  }

  var form = document.getElementById("decide");
  if (form) {
    form.querySelectorAll("button[data-action]").forEach(function (b) {
      b.addEventListener("click", function () { document.getElementById("action").value = b.dataset.action; });
    });
    form.addEventListener("submit", function (e) {
      var action = document.getElementById("action").value;
      if (action === "reject" && !window.confirm("Reject this application? This is final.")) { e.preventDefault(); }
    });
  }
  function decide(action) {
    if (!form) { return; }
    form.querySelector('button[data-action="' + action + '"]').click();
  }

  document.addEventListener("keydown", function (e) {
    if (typing(e)) { return; }
    if (rows.length) {
      if (e.key === "j") { mark(cursor + 1); } else if (e.key === "k") { mark(cursor - 1); }
      else if (e.key === "Enter" && cursor >= 0) { window.location = rows[cursor].dataset.href; }
      return;
    }
    if (e.key === "j") { focusViewer(current + 1); }
    else if (e.key === "k") { focusViewer(current - 1); }
    else if (e.key === "a") { decide("approve"); }
    else if (e.key === "r") { decide("resubmit"); }
    else if (e.key === "x") { decide("reject"); }
    else if (e.key === "c") { var c = document.getElementById("claim"); if (c) { c.click(); } }
  });
  rows.forEach(function (r, n) { r.addEventListener("click", function (e) { if (e.target.tagName !== "A") { window.location = r.dataset.href; } }); });
})();
