// Share links: the plain links work on their own. Where the browser can, this adds its own
// share sheet (Web Share API) and a button that copies the post's address.
(function () {
  "use strict";
  const section = document.querySelector(".share");
  if (!section) return;
  const status = section.querySelector("[data-share-status]");

  const nativeItem = section.querySelector("[data-share-native]");
  if (nativeItem && typeof navigator.share === "function") {
    const button = nativeItem.querySelector("button");
    nativeItem.hidden = false;
    button.addEventListener("click", function () {
      navigator
        .share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl })
        .catch(function () {
          // The reader closed the share sheet: nothing to report.
        });
    });
  }

  const copyItem = section.querySelector("[data-share-copy]");
  if (copyItem && navigator.clipboard && window.isSecureContext) {
    const button = copyItem.querySelector("button");
    copyItem.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copyUrl).then(
        function () {
          status.textContent = status.dataset.copied;
        },
        function () {
          status.textContent = status.dataset.copyFailed;
        }
      );
    });
  }
})();
