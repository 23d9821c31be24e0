//# allFunctionsCalledOnLoad
// Country/Region Code Dial Management: the searchable table of every region
// and non-geographic code with its Allow switch, what the draft's allow list
// covers on each row, and "Allow all shown" / "Block all shown".
import { $, h, setProp, setText } from "./dom.js";
import { GROUPS } from "./groups.js";
import {
  allowEntry,
  compareNames,
  entryName,
  foldName,
  formatCount,
  listText,
  numberTypesText,
  plural,
  regionName,
  searchName,
} from "./text.js";

/**
 * The badge of a row that the allow list covers, or null: how it is covered
 * when not by its own switch (`on`), and the number types blocked within it.
 */
function coverageBadge(item, on) {
  if (item.allowed === "none" || item.reason === "protection-disabled") return null;
  const names = item.by.map(entryName);
  const types = item.blockedTypes ?? [];
  const except = types.length ? `, except ${numberTypesText(types)}` : "";
  const typesTitle = types.length ? `Number types blocked within it: ${numberTypesText(types, { max: types.length })}` : "";
  if (on) return types.length ? { tone: "types", text: `Allowed${except}`, title: typesTitle } : null;
  if (item.reason === "shared-code-allowed") {
    return {
      tone: "warn",
      text: `Allowed with ${listText(names, 2)}${except}`,
      title: [`Shared calling code +${item.callingCode}: allowing ${listText(names, 3)} allows it too`, typesTitle].filter(Boolean).join(". "),
    };
  }
  // Without blocked types, "some" is a range entry's digits.
  if (item.allowed === "some" && types.length === 0) return { tone: "partial", text: `Partly: ${item.by.join(", ")}`, title: "Only the numbers that start with these digits" };
  if (item.reason === "code-allowed") {
    return {
      tone: "ok",
      text: `Allowed by +${item.callingCode}${except}`,
      title: [`The whole calling code +${item.callingCode} is allowed`, typesTitle].filter(Boolean).join(". "),
    };
  }
  return { tone: "ok", text: `Allowed by ${listText(names, 2)}${except}`, title: typesTitle };
}

const upperRegion = (entry) => (/^[a-z]{2}$/i.test(entry) ? entry.toUpperCase() : entry);

export function setupTable({ state, api, catalog }) {
  const el = {
    search: $("f-search"),
    filter: $("f-filter"),
    group: $("f-group"),
    status: $("table-status"),
    body: $("region-rows"),
    allowCount: $("allow-count"),
    allowShown: $("btn-allow-shown"),
    blockShown: $("btn-block-shown"),
    bulkStatus: $("bulk-status"),
    bulkUndo: $("bulk-undo"),
  };

  // Rows in regions() order (as coverage gives them); shown geographic first, by name, then by calling code.
  const rows = catalog.map(buildRow);
  const rowByKey = new Map(rows.map((r) => [r.key, r]));
  const ordered = [
    ...rows.filter((r) => r.info.kind === "geographic").sort((a, b) => compareNames(a.name, b.name)),
    ...rows.filter((r) => r.info.kind !== "geographic").sort((a, b) => Number(a.info.callingCode) - Number(b.info.callingCode)),
  ];
  // Continents and subregions (CLDR), each with the rows of its regions; the regions CLDR puts nowhere under "Other".
  const rowsOf = (regions) => regions.map((r) => rowByKey.get(`${r}|${byRegionCode.get(r)}`)).filter(Boolean);
  const byRegionCode = new Map(catalog.filter((i) => i.kind === "geographic").map((i) => [i.region, i.callingCode]));
  const groups = new Map();
  for (const continent of GROUPS) {
    const subregions = continent.subregions.map((s) => ({ code: s.code, name: s.name, rows: rowsOf(s.regions) })).filter((s) => s.rows.length);
    groups.set(continent.code, { name: continent.name, rows: subregions.flatMap((s) => s.rows), depth: 0 });
    for (const s of subregions) groups.set(s.code, { name: s.name, rows: s.rows, depth: 1 });
  }
  const grouped = new Set([...groups.values()].flatMap((g) => g.rows));
  const others = ordered.filter((r) => r.info.kind === "geographic" && !grouped.has(r));
  if (others.length) groups.set("other", { name: "Other territories", rows: others, depth: 0 });
  const groupOptions = [...groups].map(([code, group]) => {
    const option = h("option", { value: code });
    el.group.append(option);
    return { option, group };
  });

  let shown = ordered;
  let bulkUndo = null; // the state's undo point of the last bulk change, while it can be undone
  let active = null; // the row whose switch is the table's one Tab stop

  /** Makes `row`'s switch the table's Tab stop (a roving tabindex), and focuses it when asked. */
  function rove(row, focus = false) {
    if (active && active !== row) active.checkbox.tabIndex = -1;
    active = row;
    if (!row) return;
    row.checkbox.tabIndex = 0;
    if (focus) row.checkbox.focus();
  }

  function buildRow(info, index) {
    const entry = allowEntry(info);
    const id = `allow-${index}`;
    const name = regionName(info.region, info.callingCode);
    const checkbox = h("input", {
      type: "checkbox",
      class: "switch",
      role: "switch",
      id,
      "aria-label": `Allow ${name} (+${info.callingCode})`,
      "aria-describedby": `${id}-status`,
      tabindex: "-1",
      dataset: { entry },
    });
    const badges = h("span", { class: "row-badges", id: `${id}-status` });
    // Explicit roles: the rows are restyled as grids (style.css), which drops a table's semantics in some engines.
    const tr = h(
      "tr",
      { role: "row", dataset: { region: info.region, code: info.callingCode, entry, kind: info.kind } },
      h("td", { role: "gridcell", class: "col-allow" }, checkbox),
      h(
        "th",
        { scope: "row", role: "rowheader" },
        h("label", { for: id, class: "region-name" }, name),
        info.kind !== "geographic" ? h("span", { class: "tag" }, "Non-geographic") : null,
        badges,
      ),
      h("td", { role: "gridcell", class: "col-iso" }, h("code", {}, info.region)),
      h("td", { role: "gridcell", class: "col-code" }, `+${info.callingCode}`),
      h("td", { role: "gridcell", class: "col-shared" }, sharedHint(info)),
    );
    // Localized names are searched here; searchRegions() knows the English ones, aliases and codes.
    // A name in the browser's language, found by search though not shown.
    const local = info.kind === "geographic" ? searchName(info.region) : undefined;
    const localFold = local ? foldName(local) : "";
    return { info, index, entry, name, key: `${info.region}|${info.callingCode}`, tr, checkbox, badges, localFold, state: "no", view: "", unbuilt: null };
  }

  function sharedHint(info) {
    if (info.kind !== "geographic") return h("span", { class: "muted" }, `Allowed only as +${info.callingCode}`);
    if (info.sharedWith.length === 0) return h("span", { class: "muted" }, "—");
    const names = info.sharedWith.map((r) => regionName(r));
    const ranges = info.leadingDigits ?? [];
    const rangeText =
      ranges.length === 0
        ? ""
        : ranges.length <= 4
          ? `Its numbers: +${info.callingCode} ${ranges.join(", ")}`
          : `Its numbers: ${formatCount(ranges.length)} ranges (+${info.callingCode} ${ranges.slice(0, 3).join(", ")}…)`;
    return h(
      "span",
      { class: "shared", title: `+${info.callingCode} is shared with ${names.join(", ")}` },
      h("span", {}, listText(names, 3)),
      rangeText ? h("span", { class: "shared-ranges" }, rangeText) : null,
    );
  }

  const explicitEntries = () => new Set(state.draft.allow.map(upperRegion));

  // ── Editing ──────────────────────────────────────────────────────────
  el.body.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.entry) return;
    const { entry } = box.dataset;
    state.edit(
      (d) => {
        d.allow = d.allow.filter((e) => upperRegion(e) !== entry);
        if (box.checked) d.allow.push(entry);
      },
      { entry },
    );
  });

  // The table is one Tab stop, a grid: the arrow keys, Home, End and Page Up/Down move between the rows' switches.
  const MOVES = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
  el.body.addEventListener("keydown", (event) => {
    const at = shown.findIndex((r) => r.checkbox === event.target);
    if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const to = event.key === "Home" ? 0 : event.key === "End" ? shown.length - 1 : MOVES[event.key] === undefined ? null : at + MOVES[event.key];
    if (to === null) return;
    event.preventDefault();
    rove(shown[Math.max(0, Math.min(shown.length - 1, to))], true);
  });
  el.body.addEventListener("focusin", (event) => {
    const row = shown.find((r) => r.checkbox === event.target);
    if (row) rove(row);
  });

  el.search.addEventListener("input", renderTable);
  el.filter.addEventListener("change", renderTable);
  el.group.addEventListener("change", renderTable);

  el.allowShown.addEventListener("click", () => {
    const explicit = explicitEntries();
    const added = shown.filter((r) => !explicit.has(r.entry));
    if (added.length === 0) return;
    edit(el.allowShown, `Allow all ${formatCount(shown.length)} shown`, (d) => d.allow.push(...added.map((r) => r.entry)));
    tell(`Allowed ${plural(added.length, "more destination")} in the draft${whatShown()}. Review the preview, then save.`);
  });

  el.blockShown.addEventListener("click", () => {
    const removed = new Set(shown.filter((r) => explicitEntries().has(r.entry)).map((r) => r.entry));
    if (removed.size === 0) return;
    const rowsShown = shown;
    edit(el.blockShown, `Block all ${formatCount(shown.length)} shown`, (d) => (d.allow = d.allow.filter((e) => !removed.has(upperRegion(e)))));
    // Switched off, a row can still be covered by an entry of another row (a shared code, a calling code, a range).
    const items = state.coverage();
    const still = items ? rowsShown.filter((r) => items[r.index].allowed !== "none") : [];
    const stillText = still.length
      ? ` Still allowed through other entries: ${listText(
          still.map((r) => `${r.name} (${items[r.index].by.map(entryName).join(", ") || "protection is off"})`),
          3,
        )}.`
      : "";
    tell(`Blocked ${plural(removed.size, "destination")} in the draft${whatShown()}.${stillText} Review the preview, then save.`);
  });

  el.bulkUndo.addEventListener("click", () => {
    if (!bulkUndo || state.undoPoint !== bulkUndo) return;
    state.undo();
    tell("Undone: the allow list is back as it was.");
    el.search.focus();
  });

  /** A bulk change: undoable; focus goes to Undo when the clicked button has nothing left to do. */
  function edit(button, label, update) {
    state.edit(update, { undo: label });
    bulkUndo = state.undoPoint;
    renderBulk();
    if (button.disabled) el.bulkUndo.focus();
  }

  function tell(text) {
    el.bulkStatus.textContent = text;
    renderBulk();
  }

  const whatShown = () => (el.search.value.trim() ? ` (the rows matching “${el.search.value.trim()}”)` : "");

  // ── Rendering ────────────────────────────────────────────────────────
  /** Each row's switch and badges from the draft and its coverage; touches only rows that changed. */
  function renderRowStates() {
    const explicit = explicitEntries();
    const items = state.coverage();
    const home = state.draft.homeRegion;
    let explicitCount = 0;
    let coveredCount = 0;
    for (const row of rows) {
      const on = explicit.has(row.entry);
      const item = items?.[row.index];
      const isHome = row.info.kind === "geographic" && row.info.region === home;
      // What the row shows follows from these alone: a row whose inputs are unchanged is skipped unbuilt.
      const view = item ? `${on}|${isHome}|${item.allowed}|${item.reason}|${item.by.join(" ")}|${item.blockedTypes?.join(" ") ?? ""}` : `${on}|${isHome}`;
      if (view === row.view) {
        if (on) explicitCount++;
        else if (row.badged) coveredCount++;
        continue;
      }
      const badge = item ? coverageBadge(item, on) : null;
      if (on) explicitCount++;
      else if (badge) coveredCount++;
      row.state = on ? "explicit" : badge ? badge.tone : item?.allowed === "all" ? "off" : "no";
      row.badged = badge !== null;
      row.view = view;
      // A row the search or filter leaves out is built when it is shown again: one switch can change
      // many rows (Canada's, in "together", all 25 of +1).
      row.unbuilt = { on, isHome, badge };
      if (row.tr.isConnected) showRowState(row);
    }
    const protectionOff = items !== null && items.length > 0 && items[0].reason === "protection-disabled";
    setText(
      el.allowCount,
      protectionOff
        ? "Protection is off: every destination is allowed"
        : `${plural(explicitCount, "destination")} allowed` +
            (coveredCount ? ` · ${formatCount(coveredCount)} more through shared codes, calling codes or ranges` : ""),
    );
  }

  /** Shows what renderRowStates found for a row: its switch, its state and its badges. */
  function showRowState(row) {
    const { on, isHome, badge } = row.unbuilt;
    row.unbuilt = null;
    row.checkbox.checked = on;
    row.tr.dataset.state = row.state;
    row.badges.replaceChildren(
      ...[
        isHome ? h("span", { class: "badge badge-home" }, "Home") : null,
        badge ? h("span", { class: `badge badge-${badge.tone}`, title: badge.title }, badge.text) : null,
      ].filter(Boolean),
    );
  }

  // Each group's count: "Northern Africa (2 of 7 allowed)". While the list is closed only the chosen group's shows:
  // the others follow after the frame that shows the change, or as soon as the list takes focus or is pressed.
  let countsStale = false;
  function renderGroupCounts(all) {
    for (const { option, group } of groupOptions) {
      if (!all && !option.selected) continue;
      const allowed = group.rows.filter((r) => r.state !== "no").length;
      const indent = group.depth ? "\u2003" : "";
      setText(option, `${indent}${group.name} (${allowed ? `${formatCount(allowed)} of ${formatCount(group.rows.length)} allowed` : formatCount(group.rows.length)})`);
    }
    if (all) countsStale = false;
    else if (!countsStale) {
      countsStale = true;
      requestAnimationFrame(() => setTimeout(catchUpCounts));
    }
  }
  const catchUpCounts = () => {
    if (countsStale) renderGroupCounts(true);
  };
  el.group.addEventListener("focus", catchUpCounts);
  el.group.addEventListener("pointerdown", catchUpCounts);

  /**
   * The rows matching a search: localized names that start with it first, then the engine's search (names,
   * codes, and numbers read as the draft reads a dial: "0054", "+44 20"), then localized names that contain it.
   */
  function search(query) {
    const found = (state.compiled.policy ?? api)
      .searchRegions(query)
      .map((info) => rowByKey.get(`${info.region}|${info.callingCode}`))
      .filter(Boolean);
    const folded = foldName(query);
    if (folded === "" || !ordered.some((r) => r.localFold)) return found;
    const starts = [];
    const contains = [];
    for (const row of ordered) {
      const at = row.localFold ? row.localFold.indexOf(folded) : -1;
      if (at === 0) starts.push(row);
      else if (at > 0) contains.push(row);
    }
    const iso = found.filter((r) => r.info.kind === "geographic" && r.info.region === query.trim().toUpperCase());
    return [...new Set([...iso, ...starts, ...found, ...contains])];
  }

  /** Which rows are shown (search and filter), and the bulk buttons for them. */
  function renderTable() {
    const query = el.search.value.trim();
    const filter = el.filter.value;
    let list = query === "" ? ordered : search(query);
    const group = groups.get(el.group.value);
    if (group) {
      const members = new Set(group.rows);
      list = list.filter((r) => members.has(r));
    }
    if (filter === "allowed") list = list.filter((r) => r.state !== "no");
    else if (filter === "shared") list = list.filter((r) => r.info.sharedWith.length > 0);
    else if (filter === "nongeo") list = list.filter((r) => r.info.kind !== "geographic");
    const changed = list.length !== shown.length || list.some((r, i) => r !== shown[i]) || el.body.children.length !== list.length;
    shown = list;
    if (changed) {
      // Moving a focused switch out of the document would drop keyboard focus: put it back.
      const focused = el.body.contains(document.activeElement) ? document.activeElement : null;
      if (list.length === 0) {
        const text = query ? `No country, region or calling code matches “${query}”.` : "Nothing to show with this filter.";
        el.body.replaceChildren(h("tr", { role: "row", class: "empty-row" }, h("td", { role: "gridcell", colspan: "5" }, text)));
      } else {
        for (const r of list) if (r.unbuilt) showRowState(r);
        el.body.replaceChildren(...list.map((r) => r.tr));
      }
      if (focused) {
        if (focused.isConnected) focused.focus({ preventScroll: true });
        else el.search.focus({ preventScroll: true });
      }
      rove(shown.includes(active) ? active : (shown[0] ?? null));
    }
    const kinds = [group ? group.name : "", filter === "all" ? "" : el.filter.selectedOptions[0].textContent.toLowerCase()].filter(Boolean);
    const what = kinds.length ? ` (${kinds.join(", ")})` : "";
    setText(
      el.status,
      query
        ? `${plural(list.length, "match", "matches")} for “${query}”${what}, best first.`
        : `${plural(list.length, "country, region or code", "countries, regions and codes")}${what}.`,
    );
    renderBulk();
  }

  function renderBulk() {
    const explicit = explicitEntries();
    const n = shown.length;
    const count = n === 1 ? "the one" : `all ${formatCount(n)}`;
    // A whole group shown: "Allow all 9 in Northern Africa".
    const group = groups.get(el.group.value);
    const where = group && !el.search.value.trim() && el.filter.value === "all" ? `in ${group.name}` : "shown";
    setText(el.allowShown, n ? `Allow ${count} ${where}` : "Allow all shown");
    setText(el.blockShown, n ? `Block ${count} ${where}` : "Block all shown");
    setProp(el.allowShown, "disabled", !shown.some((r) => !explicit.has(r.entry)));
    setProp(el.blockShown, "disabled", !shown.some((r) => explicit.has(r.entry)));
    setProp(el.bulkUndo, "hidden", bulkUndo === null || state.undoPoint !== bulkUndo);
    if (el.bulkUndo.hidden && document.activeElement === el.bulkUndo) el.search.focus();
  }

  state.subscribe((changes) => {
    if (!changes.draft) return;
    renderRowStates();
    renderGroupCounts(document.activeElement === el.group);
    renderTable();
    // Another edit ended the bulk change's undo: its message is history.
    if (bulkUndo && state.undoPoint !== bulkUndo) {
      bulkUndo = null;
      el.bulkStatus.textContent = "";
      renderBulk();
    }
  });
  renderRowStates();
  renderGroupCounts(true);
  renderTable();
}
