/* The comment forms of a page that every anonymous reader shares (the same cached bytes for
   all) carry an empty CSRF token and form timestamp. When the reader starts using a form, this
   asks the server for both (data-tokens-url, a small JSON answer that also sets the CSRF
   cookie) and fills in every form of the page, the reply form's template included. A form sent
   before the answer arrives waits for it. Without this script the server answers a form sent
   without its token with a fresh form holding the reader's text. */
(function () {
  "use strict";

  var script = document.currentScript;
  var url = script && script.getAttribute("data-tokens-url");
  if (!url || !window.fetch) return;
  var pending = null;
  var filled = false;

  function fields(root, name) {
    return root.querySelectorAll("input[name=" + name + "]");
  }

  function fill(tokens) {
    var roots = [document];
    var templates = document.querySelectorAll("template");
    for (var i = 0; i < templates.length; i++) roots.push(templates[i].content);
    roots.forEach(function (root) {
      fields(root, "csrfmiddlewaretoken").forEach(function (input) {
        input.value = tokens.csrf;
      });
      fields(root, "shown_at").forEach(function (input) {
        input.value = tokens.shown_at;
      });
    });
    filled = true;
  }

  function fetchTokens() {
    if (!pending) {
      pending = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(fill)
        .catch(function () {
          // Sent as is, the form comes back from the server with fresh tokens.
          pending = null;
        });
    }
    return pending;
  }

  function inForm(event) {
    return event.target.closest && event.target.closest("form[method=post]");
  }

  document.addEventListener("focusin", function (event) {
    if (!filled && inForm(event)) fetchTokens();
  });

  // Capturing, so that the page's other submit handlers only see the form once it is ready.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (filled || !form.querySelector("input[name=csrfmiddlewaretoken]")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter || null;
      var send = function () {
        filled = true;
        if (form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      };
      (fetchTokens() || Promise.resolve()).then(send, send);
    },
    true
  );
})();
