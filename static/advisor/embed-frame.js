// Inside another site's frame: tell the page around it how tall this page is, so the frame
// fits without a scroll bar (static/advisor/embed.js there listens). Only the sites this
// page names in data-embed-origins are told anything or listened to.
(function () {
  "use strict";
  if (window.parent === window) return;
  var allowed = (document.body.getAttribute("data-embed-origins") || "").split(" ").filter(Boolean);
  var parentOrigin = null;
  var ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length && allowed.indexOf(ancestors[0]) >= 0) parentOrigin = ancestors[0];

  function send(message) {
    // Without ancestorOrigins (Firefox) the parent is not known until it says hello;
    // a message addressed to any other origin than the parent's is never delivered.
    (parentOrigin ? [parentOrigin] : allowed).forEach(function (origin) {
      try { window.parent.postMessage(message, origin); } catch (e) { /* not that origin */ }
    });
  }

  var last = 0;
  function report(force) {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last || force === true) {
      last = height;
      send({ type: "hiring-advisor:height", height: height });
    }
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || allowed.indexOf(event.origin) < 0) return;
    if (event.data && event.data.type === "hiring-advisor:hello") {
      parentOrigin = event.origin;
      report(true);
    }
  });
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  window.addEventListener("load", report);
  document.addEventListener("htmx:afterSettle", function () {
    report();
    send({ type: "hiring-advisor:page" });
  });
  send({ type: "hiring-advisor:page" });
  report(true);
})();
