//# allFunctionsCalledOnLoad
// The Number types card: a switch per type of blockNumberTypes (on: the
// type is blocked inside the allowed destinations), what the type is and
// why it matters for toll fraud, a real range of it from the numbering data
// (in an allowed destination when there is one), and the types the engine's
// lint recommends blocking, marked.
import { $, focusField, h, roving, setProp, setText } from "./dom.js";
import { patchView } from "./lint.js";
import { patchDraft } from "./store.js";
import { NUMBER_TYPES, formatCount, numberTypesText, regionName, sortedTypes } from "./text.js";

/** Regions most admins know, for an example range when no allowed destination has the type. */
const WELL_KNOWN = ["GB", "US", "DE", "FR", "IT", "ES", "CH", "AT", "AU", "LV"];

export function setupNumberTypes({ state, api, catalog, announce }) {
  const el = {
    card: $("types-card"),
    list: $("type-list"),
    count: $("types-count"),
    recommended: $("types-recommended"),
    fix: $("types-fix"),
    fixButton: $("btn-types-fix"),
  };
  const recommended = new Set(api.recommendedBlockedTypes());
  const byRegion = new Map(catalog.filter((r) => r.kind === "geographic").map((r) => [r.region, r]));
  const wellKnown = WELL_KNOWN.map((r) => byRegion.get(r)).filter(Boolean);

  const items = NUMBER_TYPES.map(({ type, name, about }) => {
    const id = `f-type-${type}`;
    const box = h("input", {
      type: "checkbox",
      class: "switch",
      role: "switch",
      id,
      dataset: { type },
      "aria-describedby": `${id}-about ${id}-example`,
    });
    const example = h("p", { class: "type-example", id: `${id}-example` });
    const li = h(
      "li",
      { class: "type-item", dataset: { type, recommended: String(recommended.has(type)) } },
      box,
      h(
        "div",
        { class: "type-body" },
        h(
          "p",
          { class: "type-head" },
          h("label", { for: id, class: "type-name" }, h("span", { class: "visually-hidden" }, "Block "), name),
          recommended.has(type) ? h("span", { class: "badge badge-info" }, "Recommended") : null,
        ),
        h("p", { class: "type-about", id: `${id}-about` }, about),
        example,
      ),
    );
    return { type, box, example, li, shown: "" };
  });
  el.list.replaceChildren(...items.map((item) => item.li));
  roving(items.map((item) => item.box));
  const recommendedList = sortedTypes(recommended);
  el.recommended.textContent = recommendedList.length ? `Recommended, as the policy check advises: ${numberTypesText(recommendedList)}.` : "";

  el.list.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.type) return;
    const { type } = box.dataset;
    state.edit((d) => {
      d.blockNumberTypes = d.blockNumberTypes.filter((t) => t !== type);
      if (box.checked) d.blockNumberTypes.push(type);
    });
  });

  // The lint's fix, here too: the types its number-types-not-blocked warning asks to block.
  let fix = null; // { patch, label, focus } while the draft's lint has it
  el.fixButton.addEventListener("click", () => {
    if (!fix) return;
    const { patch, label, focus } = fix;
    state.edit((d) => patchDraft(d, patch));
    announce(`Done: ${label.charAt(0).toLowerCase()}${label.slice(1)}. Review the preview, then save.`);
    focusField(focus); // the button is gone with the warning
  });

  function renderFix() {
    const patch = state.lint()?.find((w) => w.code === "number-types-not-blocked")?.fix;
    fix = patch ? { patch, ...patchView(patch, state.compiled.config) } : null;
    setProp(el.fix, "hidden", fix === null);
    if (fix) setText(el.fixButton, `${fix.label}, as the policy check advises`);
  }

  /** The catalog entries of the draft's allowed destinations, whose own ranges it allows: explicit regions first. */
  function allowedDestinations() {
    const coverage = state.coverage();
    if (!coverage) return [];
    const covered = catalog.filter((_, i) => coverage[i].reached === "all");
    const explicit = new Set(state.draft.allow.map((e) => e.toUpperCase()));
    return [...covered.filter((r) => explicit.has(r.region)), ...covered.filter((r) => !explicit.has(r.region))];
  }

  /** National digits that start numbers of `type` in a region, or null: from the catalog; for "unknown", the engine's type of each first digit. */
  function findRange(info, type) {
    if (type !== "unknown") return info.numberTypes.find((t) => t.type === type)?.prefix ?? null;
    for (let digit = 0; digit <= 9; digit++) {
      if (state.reach(`+${info.callingCode}${digit}`)?.numberType === "unknown") return String(digit);
    }
    return null;
  }

  // The numbering data never changes under the page: each region's range of a type is looked up once,
  // and so is the example shown when no allowed destination has the type.
  const ranges = new Map(); // info -> Map(type -> prefix | null)
  function rangeOf(info, type) {
    let byType = ranges.get(info);
    if (!byType) ranges.set(info, (byType = new Map()));
    if (!byType.has(type)) byType.set(type, findRange(info, type));
    return byType.get(type);
  }
  const fallbacks = new Map(); // type -> example | null

  /** The shortest range of the type in a well-known region, else in any region, or null when no region has one. */
  function fallbackOf(type) {
    if (fallbacks.has(type)) return fallbacks.get(type);
    let best = null;
    for (const list of [wellKnown, catalog]) {
      for (const info of list) {
        const prefix = rangeOf(info, type);
        if (prefix !== null && (best === null || prefix.length < best.prefix.length)) best = { info, prefix, allowed: false };
      }
      if (best) break;
    }
    fallbacks.set(type, best);
    return best;
  }

  /**
   * The example range of a type, `{ info, prefix, allowed }`, or null when no
   * region has one: in the first allowed destination that has the type, else
   * the shortest range of a well-known region, else of any region.
   */
  function exampleOf(type, allowed) {
    for (const info of allowed) {
      const prefix = rangeOf(info, type);
      if (prefix !== null) return { info, prefix, allowed: true };
    }
    return fallbackOf(type);
  }

  function exampleText(found) {
    if (!found) return ["No region has numbers of this type in the numbering data."];
    const { info, prefix, allowed } = found;
    const name = h("span", {}, regionName(info.region, info.callingCode));
    const range = h("code", { class: "type-range", dir: "ltr" }, prefix ? `+${info.callingCode} ${prefix}…` : `+${info.callingCode}…`);
    return [allowed ? "In an allowed destination, " : "For example, ", name, ": ", range];
  }

  function render() {
    const blocked = new Set(state.draft.blockNumberTypes);
    const allowed = allowedDestinations();
    for (const item of items) {
      item.box.checked = blocked.has(item.type);
      setProp(item.li.dataset, "blocked", String(blocked.has(item.type)));
      const found = exampleOf(item.type, allowed);
      const key = found ? `${found.info.region}|${found.info.callingCode}|${found.prefix}|${found.allowed}` : "";
      if (key === item.shown) continue;
      item.shown = key;
      item.example.replaceChildren(...exampleText(found));
      item.example.dataset.allowed = String(found?.allowed ?? false);
    }
    const count = NUMBER_TYPES.filter((t) => blocked.has(t.type)).length;
    setText(el.count, count ? `${formatCount(count)} of ${formatCount(NUMBER_TYPES.length)} types blocked` : "No type blocked");
    renderFix();
  }

  // Off screen (the card sits below the table where countries are switched), the card catches up after the
  // frame that shows the preview, or once it scrolls into view or takes focus: the answer to a switch comes first.
  let onScreen = true;
  let stale = false;
  const catchUp = () => {
    if (!stale) return;
    stale = false;
    render();
  };
  new IntersectionObserver((entries) => {
    onScreen = entries[entries.length - 1].isIntersecting;
    if (onScreen) catchUp();
  }).observe(el.card);
  el.card.addEventListener("focusin", catchUp);
  state.subscribe((changes) => {
    if (!changes.draft) return;
    if (onScreen) {
      stale = false;
      render();
      return;
    }
    if (!stale) requestAnimationFrame(() => setTimeout(catchUp));
    stale = true;
  });
  render();
}
