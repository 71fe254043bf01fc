// While a campaign is sending, keeps its change page current without a reload: the sent /
// failed / pending counts, and at the end its status and finished time.
(function () {
  "use strict";

  function show(field, value) {
    var shown = document.querySelector(".field-" + field + " .readonly");
    if (shown && value) { shown.textContent = value; }
  }

  function poll(target) {
    fetch(target.dataset.campaignProgress, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var names = ["sent", "failed", "pending", "sending", "skipped"];
        var parts = names.filter(function (name) { return data[name]; })
          .map(function (name) { return data[name] + " " + name; });
        target.textContent = parts.join(", ") || "no recipients yet";
        show("status", data.status);
        show("started_at", data.started_at);
        show("finished_at", data.finished_at);
        if (data.status === "Sending") { setTimeout(function () { poll(target); }, 2000); }
      })
      .catch(function () { setTimeout(function () { poll(target); }, 5000); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector("[data-campaign-progress][data-running]");
    if (target && target.dataset.running) { setTimeout(function () { poll(target); }, 2000); }
  });
})();
