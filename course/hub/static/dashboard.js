// The class dashboard refreshes its live part every few seconds while the class works.
// The server renders (and escapes) the HTML; this file only swaps it in.
(function () {
  "use strict";
  var live = document.getElementById("live");
  var status = document.getElementById("status");
  if (!live || !status) { return; }
  var every = 3000;
  function now() {
    var d = new Date();
    return d.toLocaleTimeString(live.dataset.lang === "ja" ? "ja-JP" : "en-GB");
  }
  function refresh() {
    var url = "live?lang=" + encodeURIComponent(live.dataset.lang) +
      "&since=" + encodeURIComponent(live.dataset.version);
    // The hub asks a fetch signed in by cookie to carry the page's XSRF token.
    fetch(url, { credentials: "same-origin",
                 headers: { "Accept": "text/html", "X-XSRFToken": live.dataset.xsrf } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        var version = response.headers.get("X-Class-Version");
        if (response.status === 200 && version && version !== live.dataset.version) {
          return response.text().then(function (text) {
            live.innerHTML = text;  // server-rendered, every learner text escaped
            live.dataset.version = version;
          });
        }
      })
      .then(function () { status.textContent = live.dataset.updated.replace("{time}", now()); })
      .catch(function () { status.textContent = live.dataset.offline; })
      .then(function () { window.setTimeout(refresh, every); });
  }
  window.setTimeout(refresh, every);
}());
