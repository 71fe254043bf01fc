// While a campaign is sending, refreshes its sent / failed / pending counts on the change page.
(function () {
  "use strict";

  function poll(target) {
    fetch(target.dataset.campaignProgress, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var names = ["sent", "failed", "pending", "sending", "skipped"];
        var parts = names.filter(function (name) { return data[name]; })
          .map(function (name) { return data[name] + " " + name; });
        target.textContent = parts.join(", ") || "no recipients yet";
        if (data.status === "Sending") { setTimeout(function () { poll(target); }, 2000); }
      })
      .catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector("[data-campaign-progress][data-running]");
    if (target && target.dataset.running) { setTimeout(function () { poll(target); }, 2000); }
  });
})();
