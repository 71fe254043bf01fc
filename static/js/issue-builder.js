// The table of contents: drag articles within and across sections (SortableJS, served
// from static/vendor), the new order saved as they drop; find articles to add as one types.
// Without JavaScript the positions, the section menus and the Find button do the same.
(function () {
  "use strict";

  const builder = document.getElementById("issue-builder");
  if (!builder || !window.Sortable) return;
  const form = builder.closest("form");
  const status = document.getElementById("arrange-status");
  builder.classList.add("dragging-enabled");

  function order() {
    return Array.from(builder.querySelectorAll("ol.toc")).map(function (list) {
      const ids = Array.from(list.querySelectorAll(".toc-article")).map(function (item) {
        return Number(item.dataset.article);
      });
      return [Number(list.dataset.section), ids];
    });
  }

  function reflectOrder() {
    // Keep the form's own fields in step, so that saving the issue keeps the order too.
    for (const [section, ids] of order()) {
      ids.forEach(function (id, position) {
        form.elements["position-" + id].value = position;
        form.elements["section-" + id].value = section;
      });
    }
    builder.querySelectorAll("ol.toc").forEach(function (list) {
      const empty = list.querySelector(".toc-empty");
      if (empty) empty.hidden = list.querySelector(".toc-article") !== null;
    });
  }

  async function saveOrder() {
    reflectOrder();
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("order", JSON.stringify(order()));
    status.textContent = "Saving the order…";
    try {
      const response = await fetch(builder.dataset.arrangeUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
      });
      const answer = await response.json();
      status.textContent = response.ok ? answer.saved : answer.error;
    } catch (error) {
      status.textContent = "The order was not saved: the server cannot be reached.";
    }
  }

  builder.querySelectorAll("ol.toc").forEach(function (list) {
    window.Sortable.create(list, {
      group: "issue",
      handle: ".drag-handle",
      draggable: ".toc-article",
      animation: 150,
      onEnd: saveOrder,
    });
  });

  const find = document.getElementById("toc-find");
  const found = document.getElementById("toc-found");
  let pending = null;
  find.addEventListener("keydown", function (event) {
    if (event.key === "Enter") event.preventDefault(); // Enter searches, never saves the issue
  });
  find.addEventListener("input", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(async function () {
      const words = find.value.trim();
      if (!words) {
        found.replaceChildren();
        return;
      }
      const url = builder.dataset.findUrl + "?fragment=1&q=" + encodeURIComponent(words);
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok && find.value.trim() === words) found.innerHTML = await response.text();
    }, 250);
  });
})();
