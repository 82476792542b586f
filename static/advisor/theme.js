// Follow the system's colour scheme (Bootstrap 5.3 colour modes). Runs before
// first paint so the page never flashes the wrong scheme.
(function () {
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    document.documentElement.setAttribute("data-bs-theme", dark.matches ? "dark" : "light");
  }
  apply();
  dark.addEventListener("change", apply);
})();
