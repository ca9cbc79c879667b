// Pagefind's search box; the index is built with the site and served with it.
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (window.PagefindUI) {
    new window.PagefindUI({ element: "#search", showSubResults: true, showImages: false });
  }
});
