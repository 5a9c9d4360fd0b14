/* jloop matrix: filters, collapsible areas and live counts. State lives in the URL hash,
   e.g. #level=REQUIRED&area=timers&outcome=FAILED&q=deadline&collapsed=tcp,udp (or collapsed=all),
   so a filtered view can be linked to. The page is complete without this script. */
(function () {
  "use strict";
  var KEYS = ["level", "area", "outcome", "q", "collapsed"];
  var model = JSON.parse(document.getElementById("matrix-model").textContent);
  var form = document.getElementById("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#matrix tr.sc"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("#matrix tbody.area"));
  var total = rows.length;
  var areaNames = groups.map(function (g) { return g.getAttribute("data-area"); });

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var state = {};
    KEYS.forEach(function (k) { state[k] = params.get(k) || ""; });
    return state;
  }

  function go(state) {
    var params = new URLSearchParams();
    KEYS.forEach(function (k) { if (state[k]) { params.set(k, state[k]); } });
    var hash = "#" + params.toString();
    if (hash === "#") { hash = "#all"; }
    if (location.hash === hash) { apply(state); } else { location.hash = hash; }
  }

  function matches(row, s) {
    if (s.level && row.level !== s.level) { return false; }
    if (s.area && row.area !== s.area) { return false; }
    if (s.outcome) {
      var any = row.outcomes.some(function (o) {
        return o && (s.outcome === "NOT_PASSED" ? o !== "PASSED" : o === s.outcome);
      });
      if (!any) { return false; }
    }
    return !s.q || row.text.toLowerCase().indexOf(s.q.toLowerCase()) >= 0;
  }

  function collapsedSet(s) {
    if (s.collapsed === "all") { return areaNames.slice(); }
    return s.collapsed ? s.collapsed.split(",") : [];
  }

  function recount(group, visible) {
    var cells = group.querySelectorAll("td.areacount");
    Array.prototype.forEach.call(cells, function (td, col) {
      var passed = 0, counted = 0;
      visible.forEach(function (row) {
        var o = row.outcomes[col];
        if (o && o !== "SKIPPED") { counted++; if (o === "PASSED") { passed++; } }
      });
      var ratio = counted === 0 ? 1 : passed / counted;
      var cls = passed === counted ? "full" : ratio >= 0.8 ? "partial" : "low";
      var count = td.querySelector(".count");
      count.textContent = passed + "/" + counted;
      count.className = "count " + cls;
      count.title = passed + " of " + counted + " passed";
      var meter = td.querySelector(".meter");
      meter.className = "meter " + cls;
      meter.firstChild.style.width = (100 * ratio).toFixed(1) + "%";
    });
  }

  function apply(s) {
    var shown = 0;
    var collapsed = collapsedSet(s);
    var visibleByGroup = new Map();
    rows.forEach(function (tr, i) {
      var ok = matches(model.rows[i], s);
      tr.hidden = !ok;
      if (ok) {
        shown++;
        var g = tr.parentNode;
        if (!visibleByGroup.has(g)) { visibleByGroup.set(g, []); }
        visibleByGroup.get(g).push(model.rows[i]);
      }
    });
    groups.forEach(function (g) {
      var visible = visibleByGroup.get(g) || [];
      var all = g.querySelectorAll("tr.sc").length;
      g.hidden = visible.length === 0;
      g.querySelector(".nsc").textContent = visible.length === all
        ? all + " scenarios" : visible.length + " of " + all + " shown";
      recount(g, visible);
      var closed = collapsed.indexOf(g.getAttribute("data-area")) >= 0;
      g.classList.toggle("collapsed", closed);
      g.querySelector("button").setAttribute("aria-expanded", closed ? "false" : "true");
    });
    ["level", "area", "outcome", "q"].forEach(function (k) {
      if (form.elements[k].value !== s[k]) { form.elements[k].value = s[k]; }
    });
    document.getElementById("shown").textContent = shown === total
      ? "Showing all " + total + " scenarios" : "Showing " + shown + " of " + total + " scenarios";
    document.body.setAttribute("data-shown", String(shown));
    current = s;
  }

  var current = readHash();

  function fromForm() {
    var s = {};
    ["level", "area", "outcome", "q"].forEach(function (k) { s[k] = form.elements[k].value; });
    s.collapsed = current.collapsed;
    return s;
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("change", function () { go(fromForm()); });
  form.elements.q.addEventListener("input", function () { go(fromForm()); });
  document.getElementById("expand-all").addEventListener("click", function () {
    var s = fromForm(); s.collapsed = ""; go(s);
  });
  document.getElementById("collapse-all").addEventListener("click", function () {
    var s = fromForm(); s.collapsed = "all"; go(s);
  });
  groups.forEach(function (g) {
    g.querySelector("button").addEventListener("click", function () {
      var s = fromForm();
      var set = collapsedSet(s);
      var area = g.getAttribute("data-area");
      var at = set.indexOf(area);
      if (at >= 0) { set.splice(at, 1); } else { set.push(area); }
      s.collapsed = set.length === areaNames.length ? "all" : set.join(",");
      go(s);
    });
  });
  window.addEventListener("hashchange", function () { apply(readHash()); });
  apply(current);
}());
