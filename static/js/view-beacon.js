/* Counts one view of the post being read: a single POST to the address in data-beacon-url,
   sent once the page has loaded and is actually shown (not while prerendered or in a tab
   opened in the background). The page itself stays cacheable; only this request is counted. */
(function () {
  "use strict";

  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon-url");
  if (!url) {
    return;
  }
  var sent = false;

  function send() {
    if (sent || document.prerendering || document.visibilityState !== "visible") {
      return;
    }
    sent = true;
    if (navigator.sendBeacon && navigator.sendBeacon(url)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" }).catch(
        function () {}
      );
    }
  }

  function whenShown() {
    send();
    if (!sent) {
      document.addEventListener("visibilitychange", send);
      document.addEventListener("prerenderingchange", send);
    }
  }

  if (document.readyState === "complete") {
    whenShown();
  } else {
    window.addEventListener("load", whenShown, { once: true });
  }
})();
