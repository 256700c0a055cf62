// The post editor's own extensions, loaded by django-prose-editor's configurable preset (see
// DJANGO_PROSE_EDITOR_EXTENSIONS in config/settings.py):
// - BodyImages: the picture button, pasting and dropping send a picture to the server, ask for
//   its description (required) and an optional caption, and insert it at the cursor.
// - AdminLanguage: the toolbar's labels and tooltips in the admin's language. The editor's own
//   dialogs already ask `gettext` (Django's JavaScript catalogue, which the admin loads).
import { Extension, Plugin, updateAttrsDialog } from "django-prose-editor/editor"

const gettext = window.gettext || ((text) => text)
const interpolate =
  window.interpolate ||
  ((format, values) => format.replace(/%\((\w+)\)s/g, (_match, key) => values[key]))

const SENDING = gettext("Sending the picture…")
const NOT_SENT = gettext("The picture could not be sent. Check the connection and try again.")

function uploadTarget(editor) {
  return editor.view.dom
    .closest(".prose-editor")
    ?.querySelector("textarea[data-image-upload-url]")
}

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]")
  return input ? input.value : ""
}

// One line under the toolbar says what happens to a picture being sent, or why it was refused.
function showStatus(editor, message, isError = false) {
  const wrapper = editor.view.dom.closest(".prose-editor")
  let status = wrapper.querySelector(".prose-editor-status")
  if (!status) {
    status = document.createElement("p")
    status.className = "prose-editor-status"
    editor.view.dom.before(status)
  }
  status.setAttribute("role", isError ? "alert" : "status")
  status.classList.toggle("prose-editor-status--error", isError)
  status.textContent = message
  status.hidden = !message
}

async function sendPicture(editor, file) {
  const target = uploadTarget(editor)
  const data = new FormData()
  data.append("image", file)
  data.append("post", target.dataset.post || "")
  let response
  let answer = {}
  try {
    response = await fetch(target.dataset.imageUploadUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
    answer = await response.json()
  } catch (_error) {
    throw new Error((answer && answer.error) || NOT_SENT)
  }
  if (!response.ok || !answer.src) throw new Error(answer.error || NOT_SENT)
  return answer
}

function askDescription(editor, values, submitText) {
  return updateAttrsDialog(
    {
      alt: {
        type: "string",
        title: gettext("Description (alt text)"),
        description: gettext("What the picture shows, for readers who cannot see it."),
        required: true,
      },
      ...(values.caption === undefined
        ? {}
        : { caption: { type: "string", title: gettext("Caption (optional)") } }),
    },
    { title: gettext("Describe the picture"), submitText },
  )(editor, values)
}

// Send each picture, ask for its description and caption, insert it as a figure at `position`
// (a document position) or at the cursor.
async function insertPictures(editor, files, position = null) {
  for (const file of files) {
    showStatus(editor, SENDING)
    let picture
    try {
      picture = await sendPicture(editor, file)
    } catch (error) {
      showStatus(editor, error.message, true)
      continue
    }
    showStatus(editor, "")
    const answers = await askDescription(editor, { alt: "", caption: "" }, gettext("Insert"))
    if (!answers) continue
    const content = [
      {
        type: "image",
        attrs: {
          src: picture.src,
          alt: answers.alt.trim(),
          width: picture.width,
          height: picture.height,
        },
      },
    ]
    const caption = answers.caption.trim()
    if (caption) content.push({ type: "caption", content: [{ type: "text", text: caption }] })
    // An empty paragraph after the figure, where the writing goes on.
    editor
      .chain()
      .focus()
      .insertContentAt(insertionPoint(editor, position), [
        { type: "figure", content },
        { type: "paragraph" },
      ])
      .run()
  }
}

// Where a picture goes: the given position or the cursor, but never inside another figure
// (its caption), which would split it: after that figure instead.
function insertionPoint(editor, position) {
  const { doc, selection } = editor.state
  const at = Math.min(position === null ? selection.from : position, doc.content.size)
  const resolved = doc.resolve(at)
  for (let depth = resolved.depth; depth > 0; depth--) {
    if (resolved.node(depth).type.name === "figure") return resolved.after(depth)
  }
  return at
}

const isPicture = (file) => file.type.startsWith("image/")

export const BodyImages = Extension.create({
  name: "bodyImages",

  onCreate() {
    // The file chooser the picture button opens.
    const input = document.createElement("input")
    input.type = "file"
    input.accept = "image/jpeg,image/png,image/gif,image/webp"
    input.multiple = true
    input.hidden = true
    input.className = "prose-editor-file"
    input.addEventListener("change", () => {
      const files = Array.from(input.files)
      input.value = ""
      insertPictures(this.editor, files)
    })
    this.editor.view.dom.closest(".prose-editor").append(input)
  },

  addMenuItems({ menu, buttons }) {
    // Replaces the editor's own figure button, which asks for an address.
    menu.defineItem({
      name: "figure",
      groups: "nodes",
      button: buttons.material("image", gettext("Insert a picture")),
      enabled: (editor) => Boolean(uploadTarget(editor)) && editor.isEditable,
      command(editor) {
        editor.view.dom.closest(".prose-editor").querySelector(".prose-editor-file").click()
      },
    })
    menu.defineItem({
      name: "imageDescription",
      groups: "nodes",
      button: buttons.text(gettext("Description"), gettext("Describe the picture")),
      hidden: (editor) => !editor.isActive("image"),
      command(editor) {
        const { alt } = editor.getAttributes("image")
        askDescription(editor, { alt: alt || "" }, gettext("Update")).then((answers) => {
          if (answers) {
            editor.chain().focus().updateAttributes("image", { alt: answers.alt.trim() }).run()
          }
        })
      },
    })
  },

  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        props: {
          handlePaste(_view, event) {
            const files = Array.from(event.clipboardData?.files || []).filter(isPicture)
            if (!files.length || !uploadTarget(editor)) return false
            event.preventDefault()
            insertPictures(editor, files)
            return true
          },
          handleDrop(view, event, _slice, moved) {
            const files = Array.from(event.dataTransfer?.files || []).filter(isPicture)
            if (moved || !files.length || !uploadTarget(editor)) return false
            event.preventDefault()
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
            insertPictures(editor, files, at ? at.pos : null)
            return true
          },
        },
      }),
    ]
  },
})

// Toolbar buttons by menu item name; the editor writes their tooltips in English only.
const LABELS = {
  paragraph: gettext("Paragraph"),
  bulletList: gettext("Bulleted list"),
  orderedList: gettext("Numbered list"),
  orderedListProperties: gettext("List properties"),
  blockquote: gettext("Quotation"),
  horizontalRule: gettext("Horizontal line"),
  bold: gettext("Bold"),
  italic: gettext("Italic"),
  underline: gettext("Underline"),
  strike: gettext("Strikethrough"),
  subscript: gettext("Subscript"),
  superscript: gettext("Superscript"),
  "textAlign:left": gettext("Align left"),
  "textAlign:center": gettext("Centre"),
  "textAlign:right": gettext("Align right"),
  "textAlign:justify": gettext("Justify"),
  "history:undo": gettext("Undo"),
  "history:redo": gettext("Redo"),
  html: gettext("Edit HTML"),
  fullscreen: gettext("Toggle fullscreen"),
  link: gettext("Insert link"),
  unlink: gettext("Remove link"),
  table: gettext("Insert table"),
  "table:addColumnAfter": gettext("Add column"),
  "table:deleteColumn": gettext("Delete column"),
  "table:addRowAfter": gettext("Add row"),
  "table:deleteRow": gettext("Delete row"),
  "table:mergeCells": gettext("Merge cells"),
  "table:splitCell": gettext("Split cell"),
  "table:toggleHeaderCell": gettext("Toggle header cell"),
  "table:deleteTable": gettext("Delete table"),
}

function labelFor(name) {
  const heading = /^heading(\d)$/.exec(name)
  if (heading) return interpolate(gettext("Heading %(level)s"), { level: heading[1] }, true)
  return LABELS[name]
}

export const AdminLanguage = Extension.create({
  name: "adminLanguage",
  // Last of all, so every other extension has defined its menu items.
  priority: 1,

  addMenuItems({ _definedItems }) {
    for (const [name, item] of Object.entries(_definedItems)) {
      const label = labelFor(name)
      if (!label) continue
      if (item.button) {
        item.button.title = label
        item.button.setAttribute("aria-label", label)
      }
      if (item.option) item.option.textContent = label
    }
  },
})

// What the editor itself asks `gettext` for (tests/test_i18n.py reads them from its sources), listed
// here so that `make messages` keeps them in our catalogue.
const gettext_noop = (text) => text
const EDITOR_STRINGS = [
  gettext_noop("Add caption"),
  gettext_noop("Alternative Text"),
  gettext_noop("Browse..."),
  gettext_noop("Bullets"),
  gettext_noop("Cancel"),
  gettext_noop("Caption"),
  gettext_noop("Columns"),
  gettext_noop("Decimal numbers"),
  gettext_noop("Edit Figure"),
  gettext_noop("Edit HTML"),
  gettext_noop("Edit Image"),
  gettext_noop("Edit Link"),
  gettext_noop("Image URL"),
  gettext_noop("Include header row"),
  gettext_noop("Insert Figure"),
  gettext_noop("Insert Table"),
  gettext_noop("Insert"),
  gettext_noop("List properties"),
  gettext_noop("List type"),
  gettext_noop("Lowercase Roman numerals"),
  gettext_noop("Lowercase letters"),
  gettext_noop("Open in new window"),
  gettext_noop("Prettify"),
  gettext_noop("Remove caption"),
  gettext_noop("Rows"),
  gettext_noop("Start at"),
  gettext_noop("Table Properties"),
  gettext_noop("Title"),
  gettext_noop("Toggle fullscreen"),
  gettext_noop("URL"),
  gettext_noop("Update"),
  gettext_noop("Uppercase Roman numerals"),
  gettext_noop("Uppercase letters"),
  gettext_noop("The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema."),
]
