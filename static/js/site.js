// Records one read of the article on this page once the page is shown to the reader, and
// shows the new total (the line waits hidden for it: without script, the <noscript> image
// shows the count instead). Prerendered pages wait until they are actually displayed.
(function () {
  "use strict";

  function countRead(article) {
    var body = new URLSearchParams({ article: article.dataset.article });
    fetch("/reads/", { method: "POST", body: body, credentials: "omit", keepalive: true })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        var target = article.querySelector("[data-read-count]");
        if (data && target) { target.textContent = data.count; }
      })
      .catch(function () {})
      .then(function () {
        var line = article.querySelector("[data-read-count-line]");
        if (line) { line.hidden = false; }
      });
  }

  function whenShown(callback) {
    if (document.prerendering) {
      document.addEventListener("prerenderingchange", callback, { once: true });
    } else {
      callback();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var article = document.querySelector("article[data-article]");
    if (article) { whenShown(function () { countRead(article); }); }
  });
})();
