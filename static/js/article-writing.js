// The article form as one writes: the text is sent to the server every few seconds ("Saved
// 12:04") and on leaving the page, so a crash or a closed tab loses nothing; the word count and
// reading time follow the typing. Without JavaScript the form works as a plain form.
(function () {
  "use strict";

  const root = document.getElementById("article-writing");
  if (!root) return;
  const form = root.closest("form");
  const fields = JSON.parse(root.dataset.fields);
  const textParts = JSON.parse(root.dataset.textParts);
  const wordsPerMinute = Number(root.dataset.wordsPerMinute);
  const interval = Number(root.dataset.intervalSeconds) * 1000;
  const status = document.getElementById("autosave-status");
  const wordCount = document.getElementById("live-word-count");
  let dirty = false;

  function editorOf(field) {
    const wrapper = field.closest(".prose-editor");
    const dom = wrapper && wrapper.querySelector(".ProseMirror[contenteditable]");
    return dom && dom.editor;
  }

  function valueOf(name) {
    const field = form.elements[name];
    if (!field) return null;
    const editor = editorOf(field);
    return editor ? editor.getHTML() : field.value;
  }

  function textOf(name) {
    const field = form.elements[name];
    if (!field) return "";
    const editor = editorOf(field);
    if (editor) return editor.getText({ blockSeparator: " " });
    return new DOMParser().parseFromString(field.value, "text/html").body.textContent;
  }

  function countWords() {
    const words = textParts
      .map(textOf)
      .join(" ")
      .split(/\s+/)
      .filter(Boolean).length;
    const minutes = Math.max(1, Math.ceil(words / wordsPerMinute));
    const noun = words === 1 ? "word" : "words";
    wordCount.textContent =
      words.toLocaleString("en") + " " + noun + " · about " + minutes +
      (minutes === 1 ? " minute" : " minutes") + " to read";
  }

  function changed() {
    dirty = true;
    status.textContent = "Not saved yet";
    countWords();
  }

  function payload() {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    for (const name of fields) {
      const value = valueOf(name);
      if (value !== null) data.append(name, value);
    }
    return data;
  }

  async function autosave() {
    if (!dirty) return;
    dirty = false;
    try {
      const response = await fetch(root.dataset.autosaveUrl, {
        method: "POST",
        body: payload(),
        credentials: "same-origin",
      });
      const answer = await response.json();
      status.textContent = response.ok ? answer.saved : answer.error;
      if (!response.ok) dirty = true;
    } catch (error) {
      dirty = true;
      status.textContent = "Not saved: the server cannot be reached. Keep this page open.";
    }
  }

  function watchEditor(field) {
    const editor = editorOf(field);
    if (editor && !field.dataset.watched) {
      field.dataset.watched = "1";
      editor.on("update", changed);
    }
  }

  document.addEventListener("prose-editor:ready", function (event) {
    window.setTimeout(function () {
      watchEditor(event.detail.textarea);
      countWords();
    });
  });
  window.addEventListener("load", function () {
    for (const name of fields) {
      const field = form.elements[name];
      if (field) watchEditor(field);
    }
    countWords();
  });
  form.addEventListener("input", changed);
  // Saving the form for real makes the copy needless; the server forgets it on save.
  form.addEventListener("submit", function () {
    dirty = false;
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") autosave();
  });
  window.addEventListener("pagehide", function () {
    if (dirty) navigator.sendBeacon(root.dataset.autosaveUrl, payload());
  });
  window.setInterval(autosave, interval);
})();
