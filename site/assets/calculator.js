// ladder eligibility calculator. The rules mirror PositionMileage.evaluate in Swift:
// miles(a, m) = cumulative miles of ability a at milestone m (0 below 1, capped at the top);
// a person is eligible for a position when their total miles reach its threshold and every
// required ability is at its needed milestone. The data and the URL hash are untrusted:
// values are clamped, names are looked up, and text goes in through textContent only.
(function () {
  "use strict";
  var root = document.getElementById("calculator");
  var dataNode = document.getElementById("calculator-data");
  if (!root || !dataNode) return;
  var data;
  try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }
  var abilities = Array.isArray(data.abilities) ? data.abilities : [];
  var positions = Array.isArray(data.positions) ? data.positions : [];
  var siteRoot = root.getAttribute("data-root") || "";
  var bySlug = Object.create(null);
  abilities.forEach(function (a) { bySlug[a.slug] = a; });
  var chosen = Object.create(null);

  function top(slug) { var a = bySlug[slug]; return a && Array.isArray(a.cumulative) ? a.cumulative.length : 0; }
  function miles(slug, milestone) {
    var a = bySlug[slug];
    if (!a || milestone < 1 || !a.cumulative.length) return 0;
    return a.cumulative[Math.min(milestone, a.cumulative.length) - 1];
  }
  function clamp(slug, value) {
    var n = parseInt(value, 10);
    if (!isFinite(n) || n < 0) return 0;
    return Math.min(n, top(slug));
  }
  function milesText(n) { return n + (n === 1 ? " mile" : " miles"); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function readHash() {
    chosen = Object.create(null);
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    params.forEach(function (value, key) { if (bySlug[key]) chosen[key] = clamp(key, value); });
  }
  function writeHash() {
    var parts = [];
    abilities.forEach(function (a) { if (chosen[a.slug] > 0) parts.push(encodeURIComponent(a.slug) + "=" + chosen[a.slug]); });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (window.location.hash !== hash) {
      history.replaceState(null, "", hash || window.location.pathname + window.location.search);
    }
  }

  function buildForm() {
    var holder = document.getElementById("calculator-abilities");
    var categories = [];
    abilities.forEach(function (a) { if (categories.indexOf(a.category) < 0) categories.push(a.category); });
    categories.sort();
    categories.forEach(function (category) {
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", category));
      abilities.filter(function (a) { return a.category === category; }).forEach(function (a) {
        // One radio group per ability, drawn as a row of segments: every milestone and its
        // miles in sight, arrow keys move between them as in any radio group.
        var group = el("fieldset", undefined, "ability-choice");
        group.appendChild(el("legend", a.title));
        var segments = el("div", undefined, "segments");
        for (var m = 0; m <= top(a.slug); m++) {
          var id = "ability-" + a.slug + "-" + m;
          var input = el("input");
          input.type = "radio";
          input.name = a.slug;
          input.id = id;
          input.value = String(m);
          input.setAttribute("aria-label", m === 0 ? "Not yet" : "Milestone " + m + ", " + milesText(miles(a.slug, m)));
          input.addEventListener("change", function (event) { chosen[a.slug] = clamp(a.slug, event.target.value); writeHash(); update(); });
          var label = el("label");
          label.htmlFor = id;
          if (m === 0) label.appendChild(el("span", "Not yet", "segment-level"));
          else {
            label.appendChild(el("span", String(m), "segment-level"));
            label.appendChild(el("span", miles(a.slug, m) + " mi", "segment-miles"));
          }
          segments.appendChild(input);
          segments.appendChild(label);
        }
        group.appendChild(segments);
        fieldset.appendChild(group);
      });
      holder.appendChild(fieldset);
    });
    document.getElementById("calculator-form").addEventListener("reset", function (event) {
      event.preventDefault();
      chosen = Object.create(null);
      writeHash();
      update();
    });
  }

  function evaluate(position, total) {
    var below = [];
    var required = position.required || {};
    Object.keys(required).sort().forEach(function (slug) {
      var has = chosen[slug] || 0;
      if (has < required[slug]) below.push({ ability: slug, has: has, needs: required[slug] });
    });
    var short = Math.max(0, (position.threshold | 0) - total);
    return { short: short, below: below, eligible: short === 0 && below.length === 0 };
  }

  function update() {
    var total = 0;
    var perCategory = Object.create(null);
    abilities.forEach(function (a) {
      var value = chosen[a.slug] || 0;
      var radio = document.getElementById("ability-" + a.slug + "-" + value);
      if (radio) radio.checked = true;
      var m = miles(a.slug, value);
      total += m;
      perCategory[a.category] = (perCategory[a.category] || 0) + m;
    });
    var output = document.getElementById("calculator-total");
    output.textContent = String(total);
    output.setAttribute("data-total", String(total));

    var list = document.getElementById("calculator-categories");
    list.textContent = "";
    Object.keys(perCategory).sort().forEach(function (category) {
      list.appendChild(el("li", category + ": " + milesText(perCategory[category])));
    });

    var body = document.getElementById("calculator-positions");
    body.textContent = "";
    positions.forEach(function (p) {
      var result = evaluate(p, total);
      var row = el("tr", undefined, result.eligible ? "eligible" : "not-eligible");
      row.setAttribute("data-position", p.id);
      row.setAttribute("data-eligible", String(result.eligible));
      row.setAttribute("data-miles-short", String(result.short));
      row.setAttribute("data-below", result.below.map(function (b) { return b.ability + ":" + b.has + "/" + b.needs; }).join(","));
      var name = el("th");
      name.scope = "row";
      var link = el("a", p.title);
      link.href = siteRoot + p.href;
      name.appendChild(link);
      name.appendChild(el("span", " " + p.track + ", level " + p.level, "meta"));
      row.appendChild(name);
      row.appendChild(el("td", String(p.threshold), "number"));
      var you = el("td", undefined, "number you");
      var verdict = el("td");
      you.textContent = String(total);
      if (result.eligible) {
        // A drawn check mark and the word: no emoji, which some machines cannot show.
        var mark = document.createElementNS("http://www.w3.org/2000/svg", "svg");
        mark.setAttribute("viewBox", "0 0 16 16");
        mark.setAttribute("width", "16");
        mark.setAttribute("height", "16");
        mark.setAttribute("aria-hidden", "true");
        mark.setAttribute("class", "status-icon");
        var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
        path.setAttribute("d", "M3 8.5l3.2 3.2L13 4.8");
        path.setAttribute("fill", "none");
        path.setAttribute("stroke", "currentColor");
        path.setAttribute("stroke-width", "2");
        mark.appendChild(path);
        var eligible = el("strong", " Eligible", "status status-eligible");
        eligible.insertBefore(mark, eligible.firstChild);
        verdict.appendChild(eligible);
      } else {
        var missing = el("ul", undefined, "missing");
        if (result.short > 0) missing.appendChild(el("li", milesText(result.short) + " short"));
        result.below.forEach(function (b) {
          var a = bySlug[b.ability];
          missing.appendChild(el("li", (a ? a.title : b.ability) + ": milestone " + b.has + " \u2192 " + b.needs));
        });
        verdict.appendChild(missing);
      }
      row.appendChild(you);
      row.appendChild(verdict);
      body.appendChild(row);
    });
    drawPicture();
  }

  // ---- The picture: the chosen position's radar chart with the reader's milestones over it.
  // The geometry must match RadarChart.swift (the same chart on the position pages).
  var radar = { width: 480, height: 300, radius: 105 };
  function radarPoint(index, count, milestone, topMilestone) {
    var angle = -Math.PI / 2 + 2 * Math.PI * index / count;
    var share = topMilestone > 0 ? Math.min(Math.max(milestone, 0), topMilestone) / topMilestone : 0;
    return [radar.width / 2 + radar.radius * share * Math.cos(angle), radar.height / 2 + radar.radius * share * Math.sin(angle)];
  }
  function svgNode(tag, attributes) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }
  function outline(axes, value, className) {
    var points = axes.map(function (axis, i) {
      return radarPoint(i, axes.length, value(axis), top(axis[0])).map(function (n) { return n.toFixed(1); }).join(",");
    });
    return svgNode("polygon", { "class": className, points: points.join(" ") });
  }
  var picture = document.getElementById("calculator-picture");
  var pictureChoice = document.getElementById("calculator-picture-position");
  var pictured = positions.filter(function (p) { return Array.isArray(p.axes) && p.axes.length >= 3; });
  function drawPicture() {
    if (!picture || !pictureChoice) return;
    var position = pictured.filter(function (p) { return p.id === pictureChoice.value; })[0] || pictured[0];
    var holder = document.getElementById("calculator-radar");
    holder.textContent = "";
    if (!position) { picture.hidden = true; return; }
    picture.hidden = false;
    var axes = position.axes;
    var svg = svgNode("svg", { "class": "radar", viewBox: "0 0 " + radar.width + " " + radar.height, role: "img", "aria-labelledby": "calculator-radar-title" });
    var title = svgNode("title", { id: "calculator-radar-title" });
    title.textContent = position.title + ": its milestones, and yours: " + axes.map(function (axis) {
      var a = bySlug[axis[0]];
      return (a ? a.title : axis[0]) + " " + (chosen[axis[0]] || 0) + " of " + axis[1] + " required";
    }).join("; ");
    svg.appendChild(title);
    [1, 2, 3, 4].forEach(function (share) {
      var ring = axes.map(function (axis, i) { return radarPoint(i, axes.length, share, 4).map(function (n) { return n.toFixed(1); }).join(","); });
      svg.appendChild(svgNode("polygon", { "class": "ring", points: ring.join(" ") }));
    });
    axes.forEach(function (axis, i) {
      var end = radarPoint(i, axes.length, top(axis[0]), top(axis[0]));
      svg.appendChild(svgNode("line", { "class": "axis", x1: radar.width / 2, y1: radar.height / 2, x2: end[0].toFixed(1), y2: end[1].toFixed(1) }));
      var angle = -Math.PI / 2 + 2 * Math.PI * i / axes.length;
      var label = svgNode("text", {
        "class": "label", x: (radar.width / 2 + (radar.radius + 10) * Math.cos(angle)).toFixed(1),
        y: (radar.height / 2 + (radar.radius + 10) * Math.sin(angle)).toFixed(1),
        dy: Math.sin(angle) < -0.5 ? "-0.3em" : Math.sin(angle) > 0.5 ? "0.9em" : "0.35em",
        "text-anchor": Math.abs(Math.cos(angle)) < 0.2 ? "middle" : Math.cos(angle) > 0 ? "start" : "end"
      });
      var a = bySlug[axis[0]];
      label.textContent = a ? a.title : axis[0];
      svg.appendChild(label);
    });
    svg.appendChild(outline(axes, function (axis) { return +axis[2]; }, "reachable"));
    svg.appendChild(outline(axes, function (axis) { return +axis[1]; }, "required"));
    svg.appendChild(outline(axes, function (axis) { return chosen[axis[0]] || 0; }, "you"));
    holder.appendChild(svg);
  }
  if (pictureChoice) {
    pictured.forEach(function (p) {
      var option = el("option", p.title + " (" + p.track + ", level " + p.level + ")");
      option.value = p.id;
      pictureChoice.appendChild(option);
    });
    pictureChoice.addEventListener("change", drawPicture);
  }

  buildForm();
  readHash();
  update();
  window.addEventListener("hashchange", function () { readHash(); update(); });
})();
