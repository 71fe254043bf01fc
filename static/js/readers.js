// Buttons that need a script: "Copy the citation" and "Print". They stay hidden without one.
(function () {
  "use strict";

  function announce(status, message) {
    if (status) { status.textContent = message; }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http (a laptop): select a scratch copy and ask the browser to copy it.
    var scratch = document.createElement("textarea");
    scratch.value = text;
    scratch.setAttribute("readonly", "");
    scratch.className = "visually-hidden";
    document.body.appendChild(scratch);
    scratch.select();
    var copied = document.execCommand("copy");
    document.body.removeChild(scratch);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function setUpCopy(button) {
    var source = document.getElementById(button.dataset.copy);
    var status = button.parentElement.querySelector("[data-copy-status]");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source.textContent.trim()).then(
        function () { announce(status, "Copied."); },
        function () { announce(status, "Select the text above and copy it."); }
      );
    });
  }

  function setUpPrint(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-copy]").forEach(setUpCopy);
    document.querySelectorAll("button[data-print]").forEach(setUpPrint);
  });
})();
