//# allFunctionsCalledOnLoad
// Calling codes and number ranges: allow entries that are no row of the
// table ("+44", "+1876"), added by hand and described by the engine.
import { $, h, say } from "./dom.js";
import { allowEntry, listText, regionName } from "./text.js";

export function setupRanges({ state, api, catalog, announce }) {
  const { parseAllowEntry, DialguardError } = api;
  const el = { range: $("f-range"), add: $("range-add"), error: $("err-range"), list: $("range-list") };
  const rowEntries = new Map(catalog.map((info) => [allowEntry(info), info]));

  function add() {
    let entry = el.range.value.trim().replace(/[\s\-.()]/g, "").replace(/^＋/, "+");
    if (/^\d+$/.test(entry)) entry = `+${entry}`;
    if (/^[a-z]{2}$/i.test(entry)) entry = entry.toUpperCase();
    if (entry === "") return showError("Type a calling code such as +44, or a range such as +1876.");
    try {
      entry = parseAllowEntry(entry);
    } catch (e) {
      if (!(e instanceof DialguardError)) throw e;
      return showError(e.detail.charAt(0).toUpperCase() + e.detail.slice(1));
    }
    if (state.draft.allow.some((e) => e.toUpperCase() === entry)) return showError(`${entry} is already allowed.`);
    showError("");
    el.range.value = "";
    state.edit((d) => d.allow.push(entry));
    const row = rowEntries.get(entry);
    if (row) announce(`${regionName(row.region, row.callingCode)} is now switched on in the table.`);
  }

  function showError(message) {
    say(el.error, message);
    if (message) el.range.setAttribute("aria-invalid", "true");
    else el.range.removeAttribute("aria-invalid");
  }

  el.add.addEventListener("click", add);
  el.range.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  });
  el.range.addEventListener("input", () => showError(""));
  el.list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-remove]");
    if (!button) return;
    const entry = button.dataset.remove;
    state.edit((d) => (d.allow = d.allow.filter((e) => e !== entry)));
    announce(`${entry} removed.`);
    el.range.focus();
  });

  /** What an entry reaches, in words, from the engine's reading of it. */
  function describe(entry) {
    if (!entry.startsWith("+")) return "";
    const d = state.reach(entry);
    if (!d) return "";
    const names = d.regions.map((r) => regionName(r, d.callingCode));
    return d.leadingDigits === ""
      ? `Every number of +${d.callingCode}${names.length ? `: ${listText(names, 4)}` : ""}`
      : `Numbers starting +${d.callingCode} ${d.leadingDigits}${names.length ? `: ${listText(names, 4, "or")}` : " (no destination yet)"}`;
  }

  let shownKey = "";
  function render() {
    const extra = state.draft.allow.filter((e) => !rowEntries.has(e.toUpperCase()));
    const key = extra.join("\n");
    if (key === shownKey) return;
    shownKey = key;
    el.list.replaceChildren(
      ...extra.map((entry) =>
        h(
          "li",
          { class: "range-item", dataset: { entry } },
          h("code", { class: "range-code" }, entry),
          h("span", { class: "range-text" }, describe(entry)),
          h("button", { type: "button", class: "btn btn-small btn-ghost", dataset: { remove: entry }, "aria-label": `Remove ${entry}` }, "Remove"),
        ),
      ),
    );
  }

  state.subscribe((changes) => {
    if (changes.draft) render();
  });
  render();
}
