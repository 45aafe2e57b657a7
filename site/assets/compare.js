// ladder: compare any two roles in the browser. The rules mirror BehaviourDiff and
// RoleComparison in Swift, step by step, so this page and the static "next level" pages agree
// (a test runs both in headless Chromium). The data and the URL hash are untrusted: roles are
// looked up by id, and text goes into the page through textContent or escaped HTML only.
(function () {
  "use strict";
  var form = document.getElementById("compare-form");
  var dataNode = document.getElementById("compare-data");
  var result = document.getElementById("compare-result");
  if (!form || !dataNode || !result) return;
  var data;
  try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }
  var roles = Array.isArray(data.roles) ? data.roles : [];
  var threshold = typeof data.threshold === "number" ? data.threshold : 0.5;
  var restatementThreshold = typeof data.restatementThreshold === "number" ? data.restatementThreshold : 0.12;
  var siteRoot = form.getAttribute("data-root") || "";
  var byId = Object.create(null);
  roles.forEach(function (r) { byId[r.id] = r; });

  var NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
  var TOKEN = /[\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]/gu;

  function comparableWords(text) { return text.toLowerCase().split(NOT_WORD).filter(function (w) { return w.length > 0; }); }
  function tokens(text) { return text.match(TOKEN) || []; }

  function lcsLength(a, b) {
    if (!a.length || !b.length) return 0;
    var previous = new Array(b.length + 1).fill(0), current = new Array(b.length + 1).fill(0);
    for (var i = 0; i < a.length; i++) {
      for (var j = 0; j < b.length; j++) {
        current[j + 1] = a[i] === b[j] ? previous[j] + 1 : Math.max(previous[j + 1], current[j]);
      }
      var swap = previous; previous = current; current = swap;
    }
    return previous[b.length];
  }
  function similarity(a, b) {
    if (!a.length && !b.length) return 1;
    return 2 * lcsLength(a, b) / (a.length + b.length);
  }

  function wordMarks(oldText, newText) {
    var a = tokens(oldText), b = tokens(newText);
    var table = [];
    for (var i = 0; i <= a.length; i++) table.push(new Array(b.length + 1).fill(0));
    for (i = a.length - 1; i >= 0; i--) {
      for (var j = b.length - 1; j >= 0; j--) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var marks = [];
    i = 0; j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) { marks.push(["same", a[i]]); i++; j++; }
      else if (i < a.length && (j === b.length || table[i + 1][j] >= table[i][j + 1])) { marks.push(["removed", a[i]]); i++; }
      else { marks.push(["inserted", b[j]]); j++; }
    }
    return tidy(marks);
  }
  function tidy(marks) {
    var out = [], removed = "", inserted = "";
    function flush() {
      if (removed) out.push(["removed", removed]);
      if (inserted) out.push(["inserted", inserted]);
      removed = ""; inserted = "";
    }
    marks.forEach(function (mark, index) {
      if (mark[0] === "removed") removed += mark[1];
      else if (mark[0] === "inserted") inserted += mark[1];
      else {
        var changeFollows = index + 1 < marks.length && marks[index + 1][0] !== "same";
        if ((removed || inserted) && changeFollows && /^\s+$/u.test(mark[1])) { removed += mark[1]; inserted += mark[1]; }
        else {
          flush();
          if (out.length && out[out.length - 1][0] === "same") out[out.length - 1][1] += mark[1];
          else out.push(["same", mark[1]]);
        }
      }
    });
    flush();
    return out;
  }

  function compare(oldList, newList) {
    var oldFree = oldList.map(function () { return true; });
    var pairedWith = newList.map(function () { return -1; });
    var exact = newList.map(function () { return false; });
    newList.forEach(function (text, j) {
      for (var i = 0; i < oldList.length; i++) {
        if (oldFree[i] && oldList[i] === text) { oldFree[i] = false; pairedWith[j] = i; exact[j] = true; break; }
      }
    });
    var oldWords = oldList.map(comparableWords), newWords = newList.map(comparableWords);
    var candidates = [];
    newList.forEach(function (_, j) {
      if (pairedWith[j] >= 0) return;
      oldList.forEach(function (_, i) {
        if (!oldFree[i]) return;
        var score = similarity(oldWords[i], newWords[j]);
        if (score >= threshold) candidates.push({ score: score, old: i, new: j });
      });
    });
    candidates.sort(function (x, y) { return (y.score - x.score) || (x.old - y.old) || (x.new - y.new); });
    candidates.forEach(function (c) {
      if (oldFree[c.old] && pairedWith[c.new] < 0) { oldFree[c.old] = false; pairedWith[c.new] = c.old; }
    });
    var changes = newList.map(function (text, j) {
      var i = pairedWith[j];
      if (i < 0) return { kind: "added", text: text };
      if (exact[j]) return { kind: "unchanged", text: text };
      return { kind: "reworded", text: text, marks: wordMarks(oldList[i], text) };
    });
    oldList.forEach(function (text, i) { if (oldFree[i]) changes.push({ kind: "dropped", text: text }); });
    return changes;
  }

  // Restatement.swift: an area most of whose old behaviours have no counterpart is shown as
  // two columns of related behaviours.
  function restates(changes) {
    var old = 0, carried = 0, added = 0;
    changes.forEach(function (c) {
      if (c.kind === "unchanged" || c.kind === "reworded") { old++; carried++; added++; }
      else if (c.kind === "dropped") old++;
      else added++;
    });
    return added > 0 && old > 0 && carried * 2 < old;
  }
  function topicWords(text) {
    var set = Object.create(null);
    comparableWords(text).forEach(function (w) { var letters = Array.from(w); if (letters.length >= 4) set[letters.slice(0, 4).join("")] = true; });
    return Object.keys(set);
  }
  function relatedness(a, b) {
    if (!a.length && !b.length) return 0;
    var inB = Object.create(null), shared = 0;
    b.forEach(function (w) { inB[w] = true; });
    a.forEach(function (w) { if (inB[w]) shared++; });
    return 2 * shared / (a.length + b.length);
  }
  function restatedRows(oldList, newList) {
    var oldWords = oldList.map(topicWords), newWords = newList.map(topicWords);
    var candidates = [];
    newList.forEach(function (text, j) {
      oldList.forEach(function (oldText, i) {
        var score = oldText === text ? 1 : relatedness(oldWords[i], newWords[j]);
        if (score >= restatementThreshold) candidates.push({ score: score, old: i, new: j });
      });
    });
    candidates.sort(function (x, y) { return (y.score - x.score) || (x.old - y.old) || (x.new - y.new); });
    var oldFree = oldList.map(function () { return true; }), partner = newList.map(function () { return -1; });
    candidates.forEach(function (c) {
      if (oldFree[c.old] && partner[c.new] < 0) { oldFree[c.old] = false; partner[c.new] = c.old; }
    });
    var rows = [];
    newList.forEach(function (text, j) { if (partner[j] >= 0) rows.push({ from: oldList[partner[j]], to: text, marks: wordMarks(oldList[partner[j]], text) }); });
    newList.forEach(function (text, j) { if (partner[j] < 0) rows.push({ from: null, to: text }); });
    oldList.forEach(function (text, i) { if (oldFree[i]) rows.push({ from: text, to: null }); });
    return rows;
  }
  // ComparisonViews.swift's restatedRow: each side keeps its own words, the differences marked.
  function restatedRow(row) {
    if (row.from === null || row.to === null || row.from === row.to) {
      return [row.from === null ? "" : escapeHTML(row.from), row.to === null ? "" : escapeHTML(row.to)];
    }
    return [
      marksHTML(row.marks.filter(function (m) { return m[0] !== "inserted"; })),
      marksHTML(row.marks.filter(function (m) { return m[0] !== "removed"; }))
    ];
  }

  function compareRoles(from, to) {
    function byKey(role) { var m = Object.create(null); role.areas.forEach(function (a) { if (!(a.key in m)) m[a.key] = a; }); return m; }
    var oldAreas = byKey(from), newAreas = byKey(to);
    var order = to.areas.map(function (a) { return a.key; });
    from.areas.forEach(function (a) { if (!(a.key in newAreas)) order.push(a.key); });
    var seen = Object.create(null);
    return order.filter(function (k) { if (seen[k]) return false; seen[k] = true; return true; }).map(function (key) {
      var before = oldAreas[key], after = newAreas[key];
      var oldList = before ? before.behaviours : [], newList = after ? after.behaviours : [];
      var changes = compare(oldList, newList);
      return {
        key: key, fromTitle: before ? before.title : null, toTitle: after ? after.title : null,
        changes: changes, restatement: restates(changes) ? restatedRows(oldList, newList) : null
      };
    });
  }

  function escapeHTML(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  function marksHTML(marks) {
    return marks.map(function (m) {
      if (m[0] === "removed") return "<del>" + escapeHTML(m[1]) + "</del>";
      if (m[0] === "inserted") return "<ins>" + escapeHTML(m[1]) + "</ins>";
      return escapeHTML(m[1]);
    }).join("");
  }
  var LABELS = { added: "New", reworded: "Reworded", unlisted: "No longer listed at this level", unchanged: "Unchanged" };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function changeItem(change, withLabel) {
    var kind = change.kind === "dropped" ? "unlisted" : change.kind;
    var li = el("li", undefined, "change change-" + kind);
    li.setAttribute("data-kind", kind);
    if (withLabel) { li.appendChild(el("span", LABELS[kind], "change-label")); li.appendChild(document.createTextNode(" ")); }
    var span = el("span", undefined, "change-text");
    span.innerHTML = change.marks ? marksHTML(change.marks) : escapeHTML(change.text); // escaped above
    li.appendChild(span);
    return li;
  }

  function render(from, to) {
    result.textContent = "";
    var areas = compareRoles(from, to);
    // RoleComparison.growth: a restated area counts once, its unpartnered next behaviours as new.
    var counts = { restated: 0, added: 0, reworded: 0, unlisted: 0, unchanged: 0 };
    areas.forEach(function (a) {
      if (a.restatement) {
        counts.restated++;
        a.restatement.forEach(function (r) { if (r.from === null) counts.added++; });
      } else {
        a.changes.forEach(function (c) { counts[c.kind === "dropped" ? "unlisted" : c.kind]++; });
      }
    });
    function counted(n, one, many) { return n + " " + (n === 1 ? one : many); }
    var parts = [];
    if (counts.restated) parts.push(counted(counts.restated, "area restated", "areas restated"));
    parts.push(counted(counts.added, "new behaviour", "new behaviours"), counts.reworded + " reworded");
    if (counts.unlisted) parts.push(counts.unlisted + " no longer listed");
    if (counts.unchanged) parts.push(counts.unchanged + " unchanged");
    var heading = el("h2");
    heading.appendChild(document.createTextNode("From "));
    var a1 = el("a", from.title); a1.href = siteRoot + from.href; heading.appendChild(a1);
    heading.appendChild(document.createTextNode(" to "));
    var a2 = el("a", to.title); a2.href = siteRoot + to.href; heading.appendChild(a2);
    result.appendChild(heading);
    var summary = el("p", parts.join(", "), "diff-summary");
    Object.keys(counts).forEach(function (k) { summary.setAttribute("data-" + k, String(counts[k])); });
    result.appendChild(summary);
    areas.forEach(function (area) {
      var section = el("section", undefined, "diff-area");
      var title = el("h3", area.toTitle || area.fromTitle || area.key);
      if (area.fromTitle && area.toTitle && area.fromTitle !== area.toTitle) title.appendChild(el("span", " (was “" + area.fromTitle + "”)", "meta"));
      if (!area.fromTitle) title.appendChild(el("span", " (New area)", "meta"));
      if (!area.toTitle) title.appendChild(el("span", " (No longer listed)", "meta"));
      section.appendChild(title);
      if (area.restatement) {
        section.appendChild(el("p", "Restated in the second role's own words: related behaviours side by side, the words that differ marked.", "meta restated-note"));
        var scroll = el("div", undefined, "table-scroll"), table = el("table", undefined, "restated");
        var headRow = el("tr");
        [from.title, to.title].forEach(function (t) { var th = el("th", t); th.scope = "col"; headRow.appendChild(th); });
        var thead = el("thead"); thead.appendChild(headRow); table.appendChild(thead);
        var tbody = el("tbody");
        area.restatement.forEach(function (row) {
          var tr = el("tr"); tr.setAttribute("data-kind", "restated");
          restatedRow(row).forEach(function (html) { var td = el("td"); td.innerHTML = html; tr.appendChild(td); }); // escaped above
          tbody.appendChild(tr);
        });
        table.appendChild(tbody); scroll.appendChild(table); section.appendChild(scroll);
        result.appendChild(section);
        return;
      }
      var changed = area.changes.filter(function (c) { return c.kind !== "unchanged"; });
      var unchanged = area.changes.filter(function (c) { return c.kind === "unchanged"; });
      if (changed.length) {
        var list = el("ul", undefined, "changes");
        changed.forEach(function (c) { list.appendChild(changeItem(c, true)); });
        section.appendChild(list);
      } else {
        section.appendChild(el("p", "No changes in this area.", "meta"));
      }
      if (unchanged.length) {
        var details = el("details", undefined, "unchanged");
        details.appendChild(el("summary", unchanged.length + " unchanged"));
        var same = el("ul", undefined, "changes");
        unchanged.forEach(function (c) { same.appendChild(changeItem(c, false)); });
        details.appendChild(same);
        section.appendChild(details);
      }
      result.appendChild(section);
    });
  }

  var selectA = document.getElementById("compare-a"), selectB = document.getElementById("compare-b");
  [selectA, selectB].forEach(function (select) {
    var groups = Object.create(null);
    roles.forEach(function (r) {
      if (!groups[r.track]) { groups[r.track] = el("optgroup"); groups[r.track].label = r.track; select.appendChild(groups[r.track]); }
      var option = el("option", r.level + " · " + r.title);
      option.value = r.id;
      groups[r.track].appendChild(option);
    });
    select.addEventListener("change", function () { writeHash(); update(); });
  });

  function readHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var a = params.get("a"), b = params.get("b");
    if (a && byId[a]) selectA.value = a; else if (roles[0]) selectA.value = roles[0].id;
    if (b && byId[b]) selectB.value = b; else if (roles[1] || roles[0]) selectB.value = (roles[1] || roles[0]).id;
  }
  function writeHash() {
    history.replaceState(null, "", "#a=" + encodeURIComponent(selectA.value) + "&b=" + encodeURIComponent(selectB.value));
  }
  function update() {
    var from = byId[selectA.value], to = byId[selectB.value];
    if (from && to) render(from, to);
  }
  readHash();
  update();
  window.addEventListener("hashchange", function () { readHash(); update(); });
})();
