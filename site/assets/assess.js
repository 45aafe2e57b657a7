// ladder's self-assessment: marks for each behaviour of a level and the next, kept in this
// browser's local storage (never sent anywhere), keyed by the behaviours' permanent ids so that
// they survive rebuilds. The behaviours come from search/index.js. Everything read (storage,
// an import, a shared link) is untrusted: only known fields of known types are kept.
(function () {
  "use strict";
  var root = document.getElementById("assess");
  var raw = window.ladderSearchIndex;
  if (!root || !raw || !Array.isArray(raw.entries)) return;
  root.hidden = false;

  var MARKS = ["not-yet", "sometimes", "consistently"];
  var LABELS = { "not-yet": "Not yet", sometimes: "Sometimes", consistently: "Consistently" };
  var siteTitle = (document.querySelector(".site-title") || {}).textContent || "ladder";
  var storageKey = "ladder-assessment:" + siteTitle;

  // ---- The framework: roles in track order, each with its areas and behaviours.
  var roles = [], byKey = Object.create(null), behaviours = Object.create(null);
  raw.places.forEach(function (place, index) {
    if (!Array.isArray(place) || place[0] < 0) return;
    var key = String(place[3]).replace(/\/index\.html$/, "");
    var role = { key: key, place: index, track: place[0], trackSlug: key.split("/")[0], level: String(place[1]), title: String(place[2]), href: String(place[3]), areas: [] };
    roles.push(role);
    byKey[key] = role;
  });
  var byPlace = Object.create(null);
  roles.forEach(function (role) { byPlace[role.place] = role; });
  raw.entries.forEach(function (entry) {
    var role = byPlace[entry[1]];
    if (!role) return;
    if (entry[0] === "a") role.areas.push({ title: String(entry[3]), behaviours: [] });
    if (entry[0] === "b" && role.areas.length) {
      var key = role.trackSlug + "/" + entry[4];
      role.areas[role.areas.length - 1].behaviours.push({ key: key, id: String(entry[4]), text: String(entry[3]) });
      behaviours[key] = String(entry[3]);
    }
  });
  function nextOf(role) {
    var i = roles.indexOf(role);
    return i >= 0 && i + 1 < roles.length && roles[i + 1].track === role.track ? roles[i + 1] : null;
  }
  function trackTitle(role) { var t = raw.tracks[role.track]; return t ? t.title : ""; }

  // ---- The assessment: { version, role, marks: { "track/behaviour-id": { mark, note, text } } }.
  function clean(value) {
    var state = { version: 1, role: "", marks: {} };
    if (!value || typeof value !== "object") return state;
    if (typeof value.role === "string") state.role = value.role.slice(0, 200);
    var marks = value.marks && typeof value.marks === "object" ? value.marks : {};
    Object.keys(marks).slice(0, 5000).forEach(function (key) {
      var m = marks[key];
      if (!m || typeof m !== "object" || MARKS.indexOf(m.mark) < 0) return;
      state.marks[String(key).slice(0, 200)] = {
        mark: m.mark, note: typeof m.note === "string" ? m.note.slice(0, 2000) : "",
        text: typeof m.text === "string" ? m.text.slice(0, 2000) : ""
      };
    });
    return state;
  }
  function load() {
    try { return clean(JSON.parse(localStorage.getItem(storageKey) || "null")); } catch (e) { return clean(null); }
  }
  function save() {
    if (shared) return;
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode: this page only */ }
  }

  // A shared link carries the marks in its fragment, which no server sees.
  function encodeShare(value) {
    var compact = { r: value.role, m: {} };
    Object.keys(value.marks).forEach(function (key) {
      var m = value.marks[key];
      compact.m[key] = [MARKS.indexOf(m.mark), m.note, m.text];
    });
    var bytes = new TextEncoder().encode(JSON.stringify(compact)), text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function decodeShare(code) {
    try {
      var text = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      var compact = JSON.parse(new TextDecoder().decode(bytes));
      var value = { role: compact.r, marks: {} };
      Object.keys(compact.m || {}).forEach(function (key) {
        var m = compact.m[key];
        if (Array.isArray(m)) value.marks[key] = { mark: MARKS[m[0]], note: m[1], text: m[2] };
      });
      return clean(value);
    } catch (e) { return null; }
  }

  var shared = false;
  var state = load();
  var hash = location.hash.match(/^#assessment=([A-Za-z0-9_-]+)$/);
  if (hash) {
    var fromLink = decodeShare(hash[1]);
    if (fromLink) { state = fromLink; shared = true; }
  }
  var asked = new URLSearchParams(location.search).get("role");
  if (asked && byKey[asked] && !shared) state.role = asked;
  if (!byKey[state.role]) state.role = roles.length ? roles[0].key : "";

  // ---- Drawing.
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  var select = document.getElementById("assess-role");
  roles.forEach(function (role) {
    var option = el("option", role.title + " (" + trackTitle(role) + ", level " + role.level + ")");
    option.value = role.key;
    select.appendChild(option);
  });

  function markOf(key) { var m = state.marks[key]; return m && behaviours[key] === m.text ? m : null; }

  function behaviourItem(b) {
    var item = el("li", undefined, "assess-behaviour");
    item.id = "assess-" + b.key.replace(/[^a-z0-9-]/g, "-");
    var fieldset = el("fieldset");
    var legend = el("legend", b.text);
    fieldset.appendChild(legend);
    var current = markOf(b.key);
    MARKS.forEach(function (mark) {
      var label = el("label", undefined, "assess-choice");
      var input = el("input");
      input.type = "radio";
      input.name = "mark-" + b.key;
      input.value = mark;
      input.checked = !!current && current.mark === mark;
      input.addEventListener("change", function () {
        var note = state.marks[b.key] ? state.marks[b.key].note : "";
        state.marks[b.key] = { mark: mark, note: note, text: b.text };
        save();
        summarise();
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + LABELS[mark]));
      fieldset.appendChild(label);
    });
    var note = el("textarea", undefined, "assess-note");
    note.rows = 1;
    note.setAttribute("aria-label", "Note on: " + b.text);
    note.placeholder = "Note (optional)";
    note.value = current ? current.note : "";
    note.addEventListener("input", function () {
      var m = state.marks[b.key];
      state.marks[b.key] = { mark: m && MARKS.indexOf(m.mark) >= 0 ? m.mark : "not-yet", note: note.value, text: b.text };
      save();
      summarise();
    });
    fieldset.appendChild(note);
    // What print shows: the mark and the note as text.
    fieldset.appendChild(el("p", "", "assess-printed print-only"));
    item.appendChild(fieldset);
    return item;
  }

  function levels() {
    var role = byKey[state.role];
    return role ? [role, nextOf(role)].filter(Boolean) : [];
  }

  function draw() {
    select.value = state.role;
    var holder = document.getElementById("assess-levels");
    holder.textContent = "";
    levels().forEach(function (role, index) {
      var section = el("section", undefined, "assess-level");
      var heading = el("h2");
      var link = el("a", role.title);
      link.href = (root.getAttribute("data-root") || "") + role.href;
      heading.appendChild(el("span", (index === 0 ? "Your level" : "The next level") + ": ", "meta"));
      heading.appendChild(link);
      heading.appendChild(el("span", " " + trackTitle(role) + ", level " + role.level, "meta"));
      section.appendChild(heading);
      role.areas.forEach(function (area) {
        if (!area.behaviours.length) return;
        section.appendChild(el("h3", area.title));
        var list = el("ul", undefined, "assess-list");
        area.behaviours.forEach(function (b) { list.appendChild(behaviourItem(b)); });
        section.appendChild(list);
      });
      holder.appendChild(section);
    });
    summarise();
  }

  function summarise() {
    var coverage = document.getElementById("assess-coverage");
    coverage.textContent = "";
    levels().forEach(function (role, index) {
      var table = el("table", undefined, "assess-coverage");
      table.appendChild(el("caption", (index === 0 ? "Your level, " : "The next level, ") + role.title));
      var head = el("tr");
      ["Area", "Consistently", "Sometimes", "Not yet"].forEach(function (t) { var th = el("th", t); th.scope = "col"; head.appendChild(th); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var body = el("tbody");
      role.areas.forEach(function (area) {
        if (!area.behaviours.length) return;
        var counts = { consistently: 0, sometimes: 0, other: 0 };
        area.behaviours.forEach(function (b) {
          var m = markOf(b.key);
          if (m && m.mark === "consistently") counts.consistently += 1;
          else if (m && m.mark === "sometimes") counts.sometimes += 1;
          else counts.other += 1;
        });
        var row = el("tr");
        var th = el("th", area.title); th.scope = "row"; row.appendChild(th);
        row.appendChild(el("td", counts.consistently + " of " + area.behaviours.length));
        row.appendChild(el("td", String(counts.sometimes)));
        row.appendChild(el("td", String(counts.other)));
        body.appendChild(row);
      });
      table.appendChild(body);
      var scroll = el("div", undefined, "table-scroll");
      scroll.appendChild(table);
      coverage.appendChild(scroll);
    });
    var left = document.getElementById("assess-left");
    left.textContent = "";
    var next = levels()[1];
    if (!next) left.appendChild(el("li", "This is the top level of its track."));
    (next ? next.areas : []).forEach(function (area) {
      area.behaviours.forEach(function (b) {
        var m = markOf(b.key);
        if (m && m.mark === "consistently") return;
        var item = el("li");
        var link = el("a", b.text);
        link.href = "#assess-" + b.key.replace(/[^a-z0-9-]/g, "-");
        item.appendChild(link);
        item.appendChild(el("span", " " + area.title + (m ? ", " + LABELS[m.mark].toLowerCase() : ""), "meta"));
        left.appendChild(item);
      });
    });
    if (next && !left.children.length) left.appendChild(el("li", "Nothing: every behaviour of the next level is marked consistently."));
    Array.prototype.forEach.call(document.querySelectorAll(".assess-behaviour"), function (item) {
      var radio = item.querySelector("input:checked"), note = item.querySelector("textarea");
      item.querySelector(".assess-printed").textContent =
        (radio ? LABELS[radio.value] : "Not marked") + (note && note.value ? ". Note: " + note.value : "");
    });
    drawAside();
    document.getElementById("assess-data").value = JSON.stringify(state, null, 2);
  }

  // Marks for behaviours that were reworded or removed since: kept aside, never dropped.
  function drawAside() {
    var aside = document.getElementById("assess-aside"), list = document.getElementById("assess-aside-list");
    list.textContent = "";
    Object.keys(state.marks).forEach(function (key) {
      var m = state.marks[key];
      if (behaviours[key] === m.text) return;
      var item = el("li", m.text || key);
      item.setAttribute("data-key", key);
      item.appendChild(el("span", " " + LABELS[m.mark] + (m.note ? ". Note: " + m.note : ""), "meta"));
      list.appendChild(item);
    });
    aside.hidden = !list.children.length;
  }

  function notice(text) {
    var box = document.getElementById("assess-notice");
    box.textContent = text;
    box.hidden = !text;
  }
  if (shared) {
    notice("These marks come from a shared link and are not kept in this browser. ");
    var keep = el("button", "Keep them in this browser");
    keep.type = "button";
    keep.addEventListener("click", function () {
      shared = false;
      save();
      history.replaceState(null, "", location.pathname + "?role=" + encodeURIComponent(state.role));
      notice("");
    });
    document.getElementById("assess-notice").appendChild(keep);
  }

  // ---- Keep, share, print.
  function download(name, type, text) {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  function markdown() {
    var lines = [], own = levels()[0];
    lines.push("# Self-assessment: " + (own ? own.title + " (" + trackTitle(own) + ", level " + own.level + ")" : ""));
    lines.push("");
    lines.push(siteTitle + ", " + new Date().toISOString().slice(0, 10) + ".");
    levels().forEach(function (role, index) {
      lines.push("", "## " + (index === 0 ? "Your level" : "The next level") + ": " + role.title);
      role.areas.forEach(function (area) {
        if (!area.behaviours.length) return;
        lines.push("", "### " + area.title, "");
        area.behaviours.forEach(function (b) {
          var m = markOf(b.key);
          lines.push("- **" + (m ? LABELS[m.mark] : "Not marked") + ":** " + b.text);
          if (m && m.note) lines.push("  - Note: " + m.note.replace(/\n/g, " "));
        });
      });
    });
    return lines.join("\n") + "\n";
  }
  document.getElementById("assess-markdown").addEventListener("click", function () {
    download("self-assessment.md", "text/markdown", markdown());
  });
  document.getElementById("assess-json").addEventListener("click", function () {
    download("self-assessment.json", "application/json", JSON.stringify(state, null, 2) + "\n");
  });
  document.getElementById("assess-share").addEventListener("click", function () {
    var address = location.href.split("#")[0].split("?")[0] + "#assessment=" + encodeShare(state);
    var status = document.getElementById("assess-share-status");
    status.textContent = "The link holds your marks after the #, which browsers do not send to servers.";
    if (navigator.clipboard) navigator.clipboard.writeText(address).then(function () { status.textContent = "Link copied. " + status.textContent; });
    document.getElementById("assess-share").setAttribute("data-link", address);
  });
  document.getElementById("assess-print").addEventListener("click", function () { window.print(); });
  document.getElementById("assess-import").addEventListener("click", function () {
    try {
      var imported = clean(JSON.parse(document.getElementById("assess-data").value));
      if (byKey[imported.role]) state.role = imported.role;
      state.marks = imported.marks;
      save();
      draw();
      notice("Imported " + Object.keys(imported.marks).length + " marks.");
    } catch (e) {
      notice("That is not an export of this page: paste the JSON that 'Download as JSON' gives.");
    }
  });
  document.getElementById("assess-clear").addEventListener("click", function () {
    if (!window.confirm("Clear every mark and note in this browser?")) return;
    state.marks = {};
    save();
    draw();
  });
  document.getElementById("assess-aside-clear").addEventListener("click", function () {
    Object.keys(state.marks).forEach(function (key) { if (behaviours[key] !== state.marks[key].text) delete state.marks[key]; });
    save();
    drawAside();
  });
  select.addEventListener("change", function () {
    state.role = select.value;
    save();
    if (!shared) history.replaceState(null, "", location.pathname + "?role=" + encodeURIComponent(state.role));
    draw();
  });

  draw();
})();
