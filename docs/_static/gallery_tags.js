// The gallery's tag filter, in place of sphinx-gallery's sg-tags.js (added by
// docs/_ext/site_chrome.py on pages with a tag list).
//
// Why our own: sg-tags.js makes each tag a <div> (no Tab, no Enter, no name
// for a screen reader), shows an empty gallery without a word when two tags
// exclude each other, and leaves the headings of emptied topics on screen.
// Here each tag is a <button aria-pressed>, grouped by kind (level, topic,
// skill, instrument); a live status line says how many lessons are left, or
// "No lesson has all these tags."; topics with no lesson left are hidden.
// Selected tags stay in the address (?sg-tags=a,b), as with sg-tags.js, and
// nothing here needs a server: it works from file:// too.
(function () {
  "use strict";

  const KIND_ORDER = ["level", "topic", "skill", "instrument"];
  const NO_MATCH = "No lesson has all these tags.";

  function kindOf(tag) {
    const colon = tag.indexOf(":");
    return colon > 0 ? tag.slice(0, colon).trim() : "other";
  }

  function valueOf(tag) {
    const colon = tag.indexOf(":");
    return colon > 0 ? tag.slice(colon + 1).trim() : tag;
  }

  function byKind(tags) {
    const groups = new Map();
    for (const tag of [...tags].sort()) {
      const kind = kindOf(tag);
      if (!groups.has(kind)) groups.set(kind, []);
      groups.get(kind).push(tag);
    }
    const rank = (kind) => {
      const i = KIND_ORDER.indexOf(kind);
      return i < 0 ? KIND_ORDER.length : i;
    };
    return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, value);
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readSelection() {
    const param = new URLSearchParams(window.location.search).get("sg-tags");
    return param ? param.split(",").filter(Boolean) : [];
  }

  function writeSelection(selected) {
    const params = new URLSearchParams(window.location.search);
    if (selected.size > 0) params.set("sg-tags", [...selected].join(","));
    else params.delete("sg-tags");
    const query = params.toString();
    try {
      window.history.replaceState(
        null,
        "",
        window.location.pathname + (query ? "?" + query : "") + window.location.hash
      );
    } catch (error) {
      // Some browsers refuse to change a file:// address; filtering still works.
    }
  }

  function init() {
    const list = document.querySelector(".sphx-glr-tag-list");
    const cards = [...document.querySelectorAll(".sphx-glr-thumbcontainer[data-sgtags]")];
    if (!list || cards.length === 0) return;

    const tagsOf = new Map(cards.map((card) => [card, new Set(JSON.parse(card.dataset.sgtags))]));
    const allTags = new Set([...tagsOf.values()].flatMap((tags) => [...tags]));
    // Topics are the sections around each group of cards; the page's own
    // (outermost) section is never hidden.
    const topics = [...document.querySelectorAll(".sphx-glr-thumbnails")]
      .filter((grid) => grid.querySelector(".sphx-glr-thumbcontainer[data-sgtags]"))
      .map((grid) => grid.closest("section"))
      .filter((section) => section && section.parentElement.closest("section"));
    const selected = new Set();

    const filter = element("div", { class: "lunar-tag-filter", role: "group", "aria-labelledby": "lunar-tag-filter-title" });
    filter.append(element("p", { id: "lunar-tag-filter-title", class: "lunar-tag-filter-title" }, "Show only the lessons with these tags:"));
    const buttons = new Map();
    for (const [kind, tags] of byKind(allTags)) {
      const row = element("div", { class: "lunar-tag-group", role: "group", "aria-label": kind });
      row.append(element("span", { class: "lunar-tag-kind", "aria-hidden": "true" }, kind + ":"));
      const values = element("div", { class: "lunar-tag-values" });
      row.append(values);
      for (const tag of tags) {
        const button = element("button", { type: "button", class: "sphx-glr-tag", "aria-pressed": "false", "data-tag": tag }, valueOf(tag));
        button.addEventListener("click", () => {
          if (selected.has(tag)) selected.delete(tag);
          else selected.add(tag);
          update();
        });
        buttons.set(tag, button);
        values.append(button);
      }
      filter.append(row);
    }
    const footer = element("div", { class: "lunar-tag-footer" });
    const status = element("p", { class: "lunar-tag-status", role: "status", "aria-live": "polite" });
    const clear = element("button", { type: "button", class: "lunar-tag-clear" }, "Show all lessons");
    clear.hidden = true;
    clear.addEventListener("click", () => {
      selected.clear();
      update();
    });
    footer.append(status, clear);
    filter.append(footer);
    list.replaceChildren(filter);

    function update() {
      let shown = 0;
      for (const card of cards) {
        const match = [...selected].every((tag) => tagsOf.get(card).has(tag));
        // sphinx-gallery's CSS sets display on the cards, which would win
        // over the hidden attribute.
        card.style.display = match ? "" : "none";
        shown += match;
      }
      for (const section of topics) {
        const visible = [...section.querySelectorAll(".sphx-glr-thumbcontainer[data-sgtags]")].some(
          (card) => card.style.display !== "none"
        );
        section.hidden = !visible;
      }
      for (const [tag, button] of buttons) {
        const on = selected.has(tag);
        button.setAttribute("aria-pressed", String(on));
        button.classList.toggle("active", on);
      }
      clear.hidden = selected.size === 0;
      if (selected.size === 0) status.textContent = "";
      else if (shown === 0) status.textContent = NO_MATCH + " Remove a tag, or show all lessons.";
      else status.textContent = shown === 1 ? "1 lesson has all these tags." : shown + " lessons have all these tags.";
      writeSelection(selected);
    }

    for (const tag of readSelection()) {
      if (allTags.has(tag)) selected.add(tag);
    }
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
