// Policy file: Export downloads the saved policy as the JSON the edge check
// service takes (its POLICY variable or a KV value); Import reads such a
// file into the draft, so that the preview shows what it changes before
// Save. A file that does not compile is refused with the engine's error.
import { $, h, icon, say, setProp } from "./dom.js";
import { configErrorText } from "./text.js";

const EXPORT_NAME = "dialguard-policy.json";
const MAX_IMPORT_BYTES = 1024 * 1024; // far more than any policy; refuses a wrong file before reading it

export function setupPolicyFile({ state }) {
  const el = {
    exportButton: $("btn-export"),
    importButton: $("btn-import"),
    file: $("f-import"),
    status: $("file-status"),
    undo: $("import-undo"),
    error: $("import-error"),
  };
  let importUndo = null; // the state's undo point of the last import, while it can be undone

  el.exportButton.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([state.exportText()], { type: "application/json" }));
    const link = h("a", { href: url, download: EXPORT_NAME, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    showError(null);
    say(
      el.status,
      `Exported the saved policy as ${EXPORT_NAME}${state.dirty ? " (unsaved changes are not in it: save first to include them)" : ""}.`,
    );
  });

  el.importButton.addEventListener("click", () => el.file.click());
  el.file.addEventListener("change", async () => {
    const file = el.file.files?.[0];
    el.file.value = ""; // the same file can be chosen again
    if (!file) return;
    const error =
      file.size > MAX_IMPORT_BYTES
        ? { code: "too-large", path: "", message: `the file is ${Math.round(file.size / 1024)} KiB: a policy file is far smaller` }
        : state.importText(await file.text());
    showError(error, file.name);
    if (error) {
      say(el.status, "");
      return;
    }
    importUndo = state.undoPoint;
    say(el.status, `Imported ${file.name} into the draft: nothing changes until you save. Review the preview below.`);
    render();
  });

  el.undo.addEventListener("click", () => {
    if (!importUndo || state.undoPoint !== importUndo) return;
    state.undo();
    say(el.status, "Import undone: the draft is back as it was.");
    el.importButton.focus();
  });

  function showError(error, name = "") {
    if (!error) {
      el.error.hidden = true;
      el.error.replaceChildren();
      return;
    }
    el.error.hidden = false;
    el.error.replaceChildren(
      icon("warn"),
      h(
        "div",
        {},
        h("p", { class: "config-error-title" }, `${name || "The file"} was not imported: the current settings are kept`),
        h("p", { class: "config-error-message", dataset: { code: error.code, path: error.path } }, configErrorText(error)),
      ),
    );
  }

  function render() {
    setProp(el.undo, "hidden", importUndo === null || state.undoPoint !== importUndo);
    if (el.undo.hidden && document.activeElement === el.undo) el.importButton.focus();
  }

  state.subscribe((changes) => {
    if (!changes.draft) return;
    if (importUndo && state.undoPoint !== importUndo) {
      // Another edit, a save or a revert: the import's undo is over.
      importUndo = null;
      say(el.status, "");
    }
    render();
  });
  render();
}
