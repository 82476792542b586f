// Progressive enhancement only: every control works without this file.
(function () {
  "use strict";

  // After htmx swaps a wizard step in: set the title, move focus to the new
  // question and announce it, as a full page load would for a screen reader.
  document.addEventListener("htmx:afterSettle", function (event) {
    var region = event.detail.elt.closest ? document.getElementById("wizard") : null;
    if (!region || !region.isConnected) return;
    if (region.dataset.title) document.title = region.dataset.title;
    var target = region.querySelector("[data-focus]");
    if (target) target.focus();
    var announcer = document.getElementById("announcer");
    if (announcer && region.dataset.announce) {
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = region.dataset.announce; }, 50);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var costs = document.getElementById("cost-figures") || document.getElementById("costs");
    if (costs && event.detail.elt === costs) {
      var announcer = document.getElementById("announcer");
      if (announcer && costs.dataset.announce) announcer.textContent = costs.dataset.announce;
    }
  });

  // The link to share carries the cost settings the founder chose (without JavaScript
  // the page itself reloads with them, and so does its link).
  document.addEventListener("htmx:pushedIntoHistory", function (event) {
    var share = document.getElementById("share-link");
    if (share && event.detail && event.detail.path) {
      share.value = new URL(event.detail.path, window.location.href).href;
    }
  });

  // Copy the share link; the link stays visible and selectable without this.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.copy + "-status");
    function done(message) { if (status) status.textContent = message; }
    // The words come from the page, in its language.
    var copied = button.dataset.copied || "Copied.";
    var failed = button.dataset.copyFailed || "Select the link and copy it.";
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(
        function () { done(copied); },
        function () { done(failed); }
      );
    } else {
      try { document.execCommand("copy"); done(copied); }
      catch (e) { done(failed); }
    }
  });

  // The working is folded into <details>: printed, it is all there; a link to a part of
  // it (say #costs from the summary card) opens that part.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.working").forEach(function (d) { d.open = true; });
  });
  function openTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var details = target && target.closest("details");
    if (details) details.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);

  // Show the copy button only where it can work.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(function (b) { b.hidden = false; });
    // Where htmx runs, a change applies at once: the form's own button is for no-script.
    if (window.htmx) {
      document.querySelectorAll("[data-no-script]").forEach(function (b) { b.hidden = true; });
    }
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  });

  // The language switcher opens the page the founder is on now: after htmx moved to
  // another step or cost setting, each link's `next` follows the address.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    var here = window.location.pathname + window.location.search;
    document.querySelectorAll("nav.languages a[href]").forEach(function (a) {
      var url = new URL(a.href);
      url.searchParams.set("next", here);
      a.href = url.pathname + url.search;
    });
  });

  // A 503 (the database unavailable for a moment, or the proxy's page when the app did
  // not answer) says what was not saved and how to try again: show it where the founder
  // clicked, as htmx-config does for the 422 and 429 pages.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 503) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
