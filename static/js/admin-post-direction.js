// Write a post in its own direction: Arabic right to left, French and English left to right,
// whatever the language of the admin itself.
(function () {
  "use strict";
  const RTL = ["ar", "fa", "he", "ur"];

  function apply(select) {
    const dir = RTL.includes(select.value) ? "rtl" : "ltr";
    for (const id of ["id_title", "id_excerpt", "id_featured_image_alt"]) {
      const field = document.getElementById(id);
      if (field) field.dir = dir;
    }
    // The text only: the toolbar and the editor's dialogs stay in the admin's own direction.
    document.querySelectorAll(".ProseMirror, .prose-editor textarea").forEach((el) => {
      el.dir = dir;
      el.lang = select.value;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const select = document.getElementById("id_language");
    if (!select) return;
    select.addEventListener("change", () => apply(select));
    apply(select);
    // The editor builds itself after load; set its direction once it exists.
    const observer = new MutationObserver(() => {
      if (document.querySelector(".ProseMirror")) {
        observer.disconnect();
        apply(select);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
