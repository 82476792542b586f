// Hiring Advisor on another site's page. Put this where the advisor should appear:
//   <div data-hiring-advisor></div>
//   <script src="https://ADVISOR/static/advisor/embed.js" async></script>
// It puts the advisor's frame in each placeholder, passing the page's address (no query
// string) and its utm_* labels, and fits the frame's height to what it shows. Messages
// are accepted only from the advisor's origin and from its own frames.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL || !window.URLSearchParams) return;
  var root = script.src.replace(/static\/advisor\/embed(\.[0-9a-f]+)?\.js(\?.*)?$/, "");
  var origin = new URL(root).origin;
  var UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
  var frames = [];

  function source(holder) {
    var params = new URLSearchParams();
    params.set("page", location.origin + location.pathname);
    if (document.referrer) {
      var ref = new URL(document.referrer).origin;
      if (ref !== location.origin) params.set("ref", ref);
    }
    var here = new URLSearchParams(location.search);
    UTM.forEach(function (key) {
      var value = holder.getAttribute("data-" + key.replace("_", "-")) || here.get(key);
      if (value) params.set(key, value.slice(0, 100));
    });
    return params.toString();
  }

  function track(frame) {
    if (frames.indexOf(frame) >= 0) return;
    frames.push(frame);
    frame.addEventListener("load", function () {
      // The frame answers with its height; it only listens to the sites it names.
      frame.contentWindow.postMessage({ type: "hiring-advisor:hello" }, origin);
    });
  }

  // The frame's title in each of the advisor's languages (English at the bare address).
  var TITLES = {
    en: "Hiring Advisor: AI Engineer or ML Engineer first?",
    es: "Hiring Advisor: ¿ingeniero de IA o ingeniero de ML primero?",
    de: "Hiring Advisor: AI Engineer oder ML Engineer zuerst?"
  };

  // data-lang, else the page's own language when the advisor speaks it, else English.
  function language(holder) {
    var wanted = holder.getAttribute("data-lang") || document.documentElement.lang || "";
    var code = wanted.toLowerCase().split("-")[0];
    return TITLES.hasOwnProperty(code) ? code : "en";
  }

  function place(holder) {
    var frame = document.createElement("iframe");
    var start = holder.getAttribute("data-start") === "questions" ? "wizard/" : "";
    var lang = language(holder);
    frame.src = root + "embed/" + (lang === "en" ? "" : lang + "/") + start + "?" + source(holder);
    frame.title = holder.getAttribute("data-title") || TITLES[lang];
    frame.setAttribute("data-hiring-advisor", "");
    var height = parseInt(holder.getAttribute("data-height"), 10) || 640;
    frame.style.cssText = "display:block;width:100%;border:0;height:" + height + "px";
    track(frame);
    holder.replaceWith(frame);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data || typeof event.data.type !== "string") return;
    frames.forEach(function (frame) {
      if (event.source !== frame.contentWindow) return;
      var data = event.data;
      if (data.type === "hiring-advisor:height" && typeof data.height === "number") {
        frame.style.height = Math.max(150, Math.min(Math.round(data.height), 20000)) + "px";
      } else if (data.type === "hiring-advisor:page") {
        // A new step or page inside the frame: bring its top into view if it scrolled away.
        if (frame.dataset.shown && frame.getBoundingClientRect().top < 0) frame.scrollIntoView();
        frame.dataset.shown = "1";
      }
    });
  });

  function start() {
    document.querySelectorAll("iframe[data-hiring-advisor]").forEach(function (frame) {
      if (frame.src.indexOf(root + "embed/") === 0) {
        track(frame);
        // Already loaded before this script ran: greet it now.
        if (frame.contentWindow) frame.contentWindow.postMessage({ type: "hiring-advisor:hello" }, origin);
      }
    });
    document.querySelectorAll("div[data-hiring-advisor]").forEach(place);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
