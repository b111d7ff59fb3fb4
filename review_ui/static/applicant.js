// The applicant page: upload each side (format refusals at once, the photo check by polling), send,
// then follow the status.
(function () {
  "use strict";
  var root = document.getElementById("app");
  var token = root.dataset.token;
  var en = root.dataset.lang === "en";
  var state = JSON.parse(document.getElementById("initial-state").textContent);
  var base = "/u/" + encodeURIComponent(token);

  var TEXT = {
    awaiting_upload: ["書類をアップロードしてください", "Please upload your document",
                      "表面の写真は必須です。裏面に記載がある場合は裏面も撮影してください。",
                      "A photo of the front is required. If the back has writing on it, photograph it too."],
    processing: ["確認中です", "Checking your document", "通常1分以内に終わります。このページは自動で更新されます。",
                 "This usually takes under a minute. This page updates itself."],
    approved: ["本人確認が完了しました", "Your identity has been verified", "ご協力ありがとうございました。",
               "Thank you. Nothing more is needed."],
    action_needed: ["ご対応をお願いします", "Action needed", "以下の内容をご確認のうえ、撮り直してもう一度送信してください。",
                    "Please check the points below, retake the photos and send them again."],
    in_review: ["担当者が確認しています", "A member of staff is checking", "結果が出るまでしばらくお待ちください。このページは自動で更新されます。",
                "Please wait for the result. This page updates itself."],
    awaiting_second_approval: ["担当者が確認しています", "A member of staff is checking", "結果が出るまでしばらくお待ちください。",
                               "Please wait for the result."],
    rejected: ["本人確認ができませんでした", "We could not verify your identity", "詳しくはお問い合わせください。",
               "Please contact us for details."]
  };

  function el(id) { return document.getElementById(id); }

  function reasonList(ul, reasons) {
    ul.textContent = "";
    (reasons || []).forEach(function (r) {
      var li = document.createElement("li");
      li.textContent = en ? r.message_en : r.message_ja;
      ul.appendChild(li);
    });
  }

  var SIDE_TEXT = {
    checking: ["写真を確認しています…", "Checking the photo…", "side-state busy"],
    ok: ["✓ 写真を受け付けました", "✓ Photo accepted", "side-state ok"],
    retake: ["撮り直してください：", "Please retake this photo:", "side-state bad"],
    kept: ["✓ 受け付けました", "✓ Photo received", "side-state ok"]
  };
  var timer = null;

  function checking() {
    var checks = state.checks || {};
    return Object.keys(checks).some(function (side) { return checks[side].state === "checking"; });
  }

  function showSide(side, key, reasons) {
    var p = document.querySelector('[data-state-for="' + side + '"]');
    var ul = document.querySelector('[data-reasons-for="' + side + '"]');
    if (!p) { return; }
    var t = SIDE_TEXT[key];
    p.textContent = en ? t[1] : t[0];
    p.className = t[2];
    reasonList(ul, reasons);
  }

  // A side's line shows, in order: a refusal seen only by this page (not a JPEG, too large, network),
  // the newest photo's check (checking, accepted, retake with reasons), or a photo already kept.
  function renderSides() {
    var checks = state.checks || {};
    ["front", "back", "supplementary"].forEach(function (side) {
      var p = document.querySelector('[data-state-for="' + side + '"]');
      if (!p || p.dataset.local) { return; }
      var c = checks[side];
      if (c) { showSide(side, c.state === "checking" ? "checking" : c.state === "retake" ? "retake" : c.state === "ok" ? "ok" : "kept", c.reasons); }
      else if ((state.sides || []).indexOf(side) >= 0) { showSide(side, "kept", []); }
    });
  }

  function render() {
    var t = TEXT[state.status] || TEXT.processing;
    var section = el("status");
    section.className = "card status status-" + state.status;
    el("status-title").textContent = en ? t[1] : t[0];
    el("status-text").textContent = en ? t[3] : t[2];
    reasonList(el("status-reasons"), state.status === "action_needed" || state.status === "rejected" ? state.reasons : []);
    el("status-message").textContent = state.message || "";
    el("upload").hidden = !state.accepting;
    el("correct").hidden = !state.can_correct;
    renderSides();
    el("submit").disabled = (state.sides || []).indexOf("front") < 0 || !state.accepting || checking();
  }

  // Every 0.5 s while a photo is being checked, 2 s while verifying, 8 s otherwise.
  function schedule(ms) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(poll, ms);
  }

  function poll() {
    timer = null;
    fetch(base + "/status", { credentials: "omit", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (s) { state = s; render(); } })
      .catch(function () {})
      .finally(function () { if (!timer) { schedule(checking() ? 500 : state.status === "processing" ? 2000 : 8000); } });
  }

  function refuse(side, text, reasons) {
    var p = document.querySelector('[data-state-for="' + side + '"]');
    p.dataset.local = "1";
    p.className = "side-state bad";
    p.textContent = text;
    reasonList(document.querySelector('[data-reasons-for="' + side + '"]'), reasons || []);
  }

  document.querySelectorAll('.side input[type="file"]').forEach(function (input) {
    input.addEventListener("change", function () {
      var side = input.name;
      var file = input.files[0];
      if (!file) { return; }
      var p = document.querySelector('[data-state-for="' + side + '"]');
      delete p.dataset.local;
      showSide(side, "checking", []);
      el("submit").disabled = true;
      var body = new FormData();
      body.append("side", side);
      body.append("file", file, "photo.jpg");
      fetch(base + "/documents", { method: "POST", body: body, credentials: "omit" })
        .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }, function () { return [r.status, {}]; }); })
        .then(function (res) {
          var code = res[0], j = res[1];
          if ((code === 202 || code === 200) && j.accepted) {
            state = j.state; render();
            schedule(500);  // the photo check answers within a second or so
          } else if (code === 413) {
            refuse(side, en ? "The file is too large. Please retake it at a lower quality." : "ファイルが大きすぎます。画質を下げて撮り直してください。");
          } else {
            refuse(side, en ? "Please retake this photo:" : "撮り直してください：", j.reasons);
          }
          input.value = "";
          render();
        })
        .catch(function () {
          refuse(side, en ? "Upload failed. Please try again." : "送信に失敗しました。もう一度お試しください。");
          render();
        });
    });
  });

  el("submit").addEventListener("click", function () {
    el("submit").disabled = true;
    fetch(base + "/submit", { method: "POST", credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (s) { state = s; }
        document.querySelectorAll(".side-state").forEach(function (p) { delete p.dataset.local; p.textContent = ""; p.className = "side-state"; });
        document.querySelectorAll(".side .reasons").forEach(function (ul) { ul.textContent = ""; });
        render();
        schedule(2000);
      });
  });

  render();
  schedule(checking() ? 500 : 2000);
})();
