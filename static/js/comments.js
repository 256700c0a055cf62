// Comments, progressively enhanced: the page works without this file (plain forms, a reply
// page, a confirmation page, a report page). With it, Reply opens the form under the comment,
// and Delete and Report ask in a dialog. Every word shown comes from the server-rendered,
// translated markup.
(function () {
  "use strict";

  var section = document.getElementById("comments");
  if (!section) return;
  var template = document.getElementById("comment-reply-template");
  var dialog = document.getElementById("comment-delete-dialog");
  var reportDialog = document.getElementById("comment-report-dialog");
  var openForm = null;
  var replyLink = null;
  var deleteLink = null;
  var reportLink = null;

  function closeReply(restoreFocus) {
    if (!openForm) return;
    openForm.remove();
    openForm = null;
    if (restoreFocus && replyLink) replyLink.focus();
    replyLink = null;
  }

  function firstFieldToFill(form) {
    var fields = form.querySelectorAll("input[required], textarea");
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].value) return fields[i];
    }
    return form.querySelector("textarea");
  }

  function openReply(link) {
    closeReply(false);
    var area = template.content.firstElementChild.cloneNode(true);
    var form = area.querySelector("form");
    form.querySelector("input[name=reply_to]").value = link.getAttribute("data-reply-to");
    form.setAttribute("aria-label", link.getAttribute("aria-label"));
    area.querySelector("[data-cancel-reply]").addEventListener("click", function () {
      closeReply(true);
    });
    area.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closeReply(true);
    });
    link.closest(".comment__card").after(area);
    openForm = area;
    replyLink = link;
    firstFieldToFill(form).focus();
  }

  function askToDelete(link) {
    var form = dialog.querySelector("form");
    form.setAttribute("action", link.getAttribute("href"));
    deleteLink = link;
    dialog.showModal();
  }

  function askWhyReport(link) {
    var form = reportDialog.querySelector("form");
    form.reset();
    form.setAttribute("action", link.getAttribute("href"));
    form.setAttribute("aria-label", link.getAttribute("aria-label"));
    reportLink = link;
    reportDialog.showModal();
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-reply-to], a[data-delete], a[data-report]");
    if (!link) return;
    if (link.hasAttribute("data-reply-to") && template) {
      event.preventDefault();
      openReply(link);
    } else if (link.hasAttribute("data-delete") && dialog && dialog.showModal) {
      event.preventDefault();
      askToDelete(link);
    } else if (link.hasAttribute("data-report") && reportDialog && reportDialog.showModal) {
      event.preventDefault();
      askWhyReport(link);
    }
  });

  if (reportDialog) {
    reportDialog.querySelector("[data-dialog-close]").addEventListener("click", function () {
      reportDialog.close();
    });
    reportDialog.addEventListener("close", function () {
      if (reportLink) reportLink.focus();
      reportLink = null;
    });
  }

  if (dialog) {
    dialog.querySelector("[data-dialog-close]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (deleteLink) deleteLink.focus();
      deleteLink = null;
    });
  }

  // A form sent back with errors: its summary takes the focus (autofocus does it when the
  // browser honours it on this element). A comment just posted: the confirmation is spoken
  // again once the page has settled, and the new comment takes the focus.
  var summary = section.querySelector("[data-error-summary]");
  var notice = section.querySelector("[data-posted-notice]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  } else if (notice && /^#c\d+$/.test(window.location.hash)) {
    var words = notice.innerHTML;
    notice.innerHTML = "";
    // After the browser's own move to the #c… target, which would take the focus back.
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        var posted = document.querySelector(window.location.hash + " > .comment__card");
        if (posted) {
          posted.setAttribute("tabindex", "-1");
          posted.focus();
        }
        notice.innerHTML = words;
      }, 50);
    });
  }

  // One click, one comment: the button stays disabled while the browser sends the form,
  // and comes back if the reader returns to this page from the browser's history.
  section.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button[type=submit]");
    if (button) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    }
  });
  window.addEventListener("pageshow", function () {
    var buttons = section.querySelectorAll("button[type=submit][disabled]");
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = false;
  });
})();
