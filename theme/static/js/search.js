// Pagefind's search box; the index is built with the site and served with it, in bundles:
// pagefind/ for the site's own pages, one more per group of articles (merged here).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var box = document.getElementById("search");
  var script = document.querySelector('script[src$="pagefind/pagefind-ui.js"]');
  if (!window.PagefindUI || !box || !script) {
    return;
  }
  var names = (box.getAttribute("data-bundles") || "").split(" ").filter(Boolean);
  var merged = names.map(function (name) {
    return { bundlePath: new URL("../" + name + "/", script.src).href };
  });
  new window.PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    mergeIndex: merged,
  });
});
