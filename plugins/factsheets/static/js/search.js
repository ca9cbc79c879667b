// Pagefind's search box; the index is built with the site and served with it, in bundles:
// pagefind/ and the ones pagefind-bundles.json lists (merged here).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var script = document.querySelector('script[src$="pagefind/pagefind-ui.js"]');
  if (!window.PagefindUI || !document.getElementById("search") || !script) {
    return;
  }
  function start(names) {
    new window.PagefindUI({
      element: "#search",
      showSubResults: true,
      showImages: false,
      mergeIndex: names.map(function (name) {
        return { bundlePath: new URL("../" + name + "/", script.src).href };
      }),
    });
  }
  fetch(new URL("../pagefind-bundles.json", script.src).href)
    .then(function (response) { return response.ok ? response.json() : { bundles: [] }; })
    .then(function (manifest) { start(manifest.bundles || []); })
    .catch(function () { start([]); });
});
