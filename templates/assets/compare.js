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

  function compareRoles(from, to) {
    function byKey(role) { var m = Object.create(null); role.areas.forEach(function (a) { if (!(a.key in m)) m[a.key] = a; }); return m; }
    var oldAreas = byKey(from), newAreas = byKey(to);
    var order = to.areas.map(function (a) { return a.key; });
    from.areas.forEach(function (a) { if (!(a.key in newAreas)) order.push(a.key); });
    var seen = Object.create(null);
    return order.filter(function (k) { if (seen[k]) return false; seen[k] = true; return true; }).map(function (key) {
      var before = oldAreas[key], after = newAreas[key];
      return {
        key: key, fromTitle: before ? before.title : null, toTitle: after ? after.title : null,
        changes: compare(before ? before.behaviours : [], after ? after.behaviours : [])
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
  var LABELS = { added: "New", reworded: "Reworded", dropped: "Dropped", unchanged: "Unchanged" };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function changeItem(change, withLabel) {
    var li = el("li", undefined, "change change-" + change.kind);
    li.setAttribute("data-kind", change.kind);
    if (withLabel) { li.appendChild(el("span", LABELS[change.kind], "change-label")); li.appendChild(document.createTextNode(" ")); }
    var span = el("span", undefined, "change-text");
    span.innerHTML = change.marks ? marksHTML(change.marks) : escapeHTML(change.text); // escaped above
    li.appendChild(span);
    return li;
  }

  function render(from, to) {
    result.textContent = "";
    var areas = compareRoles(from, to);
    var counts = { added: 0, reworded: 0, dropped: 0, unchanged: 0 };
    areas.forEach(function (a) { a.changes.forEach(function (c) { counts[c.kind]++; }); });
    var heading = el("h2");
    heading.appendChild(document.createTextNode("From "));
    var a1 = el("a", from.title); a1.href = siteRoot + from.href; heading.appendChild(a1);
    heading.appendChild(document.createTextNode(" to "));
    var a2 = el("a", to.title); a2.href = siteRoot + to.href; heading.appendChild(a2);
    result.appendChild(heading);
    var summary = el("p", counts.added + " new, " + counts.reworded + " reworded, " + counts.dropped + " dropped, " + counts.unchanged + " unchanged", "diff-summary");
    Object.keys(counts).forEach(function (k) { summary.setAttribute("data-" + k, String(counts[k])); });
    result.appendChild(summary);
    areas.forEach(function (area) {
      var section = el("section", undefined, "diff-area");
      var title = el("h3", area.toTitle || area.fromTitle || area.key);
      if (area.fromTitle && area.toTitle && area.fromTitle !== area.toTitle) title.appendChild(el("span", " (was “" + area.fromTitle + "”)", "meta"));
      if (!area.fromTitle) title.appendChild(el("span", " (New area)", "meta"));
      if (!area.toTitle) title.appendChild(el("span", " (Area dropped)", "meta"));
      section.appendChild(title);
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
