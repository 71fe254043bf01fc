// Sends the newsletter signup form in the background and shows the answer under it, without
// reloading the page. Without JavaScript the form posts normally and a page answers.
(function () {
  "use strict";

  function submit(event) {
    var form = event.target.closest("form[data-newsletter-signup]");
    if (!form || !window.fetch) { return; }
    event.preventDefault();
    var status = form.querySelector("[data-newsletter-status]");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: "application/json" },
      credentials: "omit"
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        status.textContent = result.data.message;
        form.classList.toggle("has-error", !result.ok);
        if (result.ok) { form.reset(); }
      })
      .catch(function () {
        status.textContent = "Something went wrong. Please try again in a moment.";
      })
      .then(function () { button.disabled = false; });
  }

  document.addEventListener("submit", submit);
})();
