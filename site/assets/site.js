// ladder: what every page does with script. The search box in the header and the search
// page (the index, search/index.js, is a script so that search works from file:// too, and is
// loaded only when a search begins); "/" to search; and a behaviour's link icon copies its
// permanent link. Without script, pages read the same and the search box stays hidden.
(function () {
  "use strict";

  var headerForm = document.querySelector(".site-search");
  var pageForm = document.getElementById("search-form");
  var rootHolder = pageForm || headerForm;
  var root = rootHolder ? rootHolder.getAttribute("data-root") || "" : "";

  // ---- The index: loaded once, when first needed.
  var index = null, waiting = [], loading = false;
  function withIndex(then) {
    if (index) { then(index); return; }
    waiting.push(then);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "search/index.js";
    script.onload = function () {
      index = prepare(window.ladderSearchIndex || { tracks: [], places: [], areas: [], entries: [] });
      var queued = waiting; waiting = [];
      queued.forEach(function (fn) { fn(index); });
    };
    script.onerror = function () { loading = false; showFailure(); };
    document.head.appendChild(script);
  }

  // Case and accents ignored: "Équipe" finds "equipe", "MENTOR" finds "mentor".
  function normalize(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return normalize(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  // A light English stemmer: "mentoring", "mentored" and "mentors" all meet at "mentor".
  function stem(word) {
    if (word.length <= 4) return word;
    var match = /^(.{3,})(?:ingly|edly|ings|ing|ied|ies|ers|er|ed|es|s|ly|ments|ment|ness|ations|ation|ives|ive)$/.exec(word);
    return match ? match[1] : word;
  }

  var kindWeight = { r: 3, a: 2, ab: 2.5, as: 2.5, b: 1.5, m: 1, e: 1 };
  var kindName = { r: "Role", a: "Area", ab: "Ability", as: "Assignment", b: "Behaviour", m: "Ability milestone", e: "Example" };

  function prepare(raw) {
    var entries = raw.entries.map(function (entry, order) {
      var place = raw.places[entry[1]] || [-1, "", "", ""];
      return {
        kind: entry[0], text: entry[3], anchor: entry[4], order: order,
        words: words(entry[3]), normalized: normalize(entry[3]),
        track: place[0], level: place[1], placeTitle: place[2], href: place[3],
        area: entry[2] >= 0 ? raw.areas[entry[2]] : ""
      };
    });
    return { tracks: raw.tracks, areas: raw.areas, entries: entries };
  }

  // How well one query word matches an entry: the word itself 3, a word it begins 2, the
  // same stem 1, else 0.
  function termScore(term, entry) {
    var best = 0, root = stem(term);
    for (var i = 0; i < entry.words.length && best < 3; i++) {
      var word = entry.words[i];
      if (word === term) best = 3;
      else if (best < 2 && word.lastIndexOf(term, 0) === 0) best = 2;
      else if (best < 1 && root.length >= 3 && (word.lastIndexOf(root, 0) === 0 || stem(word) === root)) best = 1;
    }
    return best;
  }

  function search(index, query, filters) {
    var terms = words(query);
    if (!terms.length) return [];
    var phrase = terms.join(" ");
    var hits = [];
    index.entries.forEach(function (entry) {
      if (filters.track !== "" && String(entry.track) !== filters.track) return;
      if (filters.level !== "" && entry.level !== filters.level) return;
      if (filters.area !== "" && entry.area !== filters.area) return;
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var one = termScore(terms[i], entry);
        if (!one) return;
        score += one;
      }
      if (terms.length > 1 && entry.words.join(" ").indexOf(phrase) >= 0) score += 3;
      hits.push({ entry: entry, score: score * (kindWeight[entry.kind] || 1) });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.entry.words.length - b.entry.words.length || a.entry.order - b.entry.order;
    });
    return hits;
  }

  // The entry's text with the words that match marked, made of nodes: never parsed as HTML.
  function marked(text, terms) {
    var fragment = document.createDocumentFragment();
    var pattern = /[\p{L}\p{N}]+/gu, last = 0, match;
    while ((match = pattern.exec(text))) {
      var word = normalize(match[0]);
      var hit = terms.some(function (term) {
        var root = stem(term);
        return word.lastIndexOf(term, 0) === 0 || (root.length >= 3 && (word.lastIndexOf(root, 0) === 0 || stem(word) === root));
      });
      if (!hit) continue;
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function resultItem(hit, terms, index) {
    var entry = hit.entry;
    var item = document.createElement("li");
    item.className = "search-hit search-hit-" + entry.kind;
    var link = document.createElement("a");
    link.href = root + entry.href + (entry.anchor ? "#" + entry.anchor : "");
    link.appendChild(marked(entry.text, terms));
    item.appendChild(link);
    var context = document.createElement("span");
    context.className = "search-context";
    var parts = [kindName[entry.kind] || ""];
    if (entry.track >= 0 && index.tracks[entry.track]) parts.push(index.tracks[entry.track].title);
    if (entry.level) parts.push("level " + entry.level);
    if (entry.kind !== "r" && entry.kind !== "ab" && entry.kind !== "as") parts.push(entry.placeTitle);
    if (entry.area && entry.kind !== "a") parts.push(entry.area);
    context.textContent = parts.filter(Boolean).join(" · ");
    item.appendChild(context);
    return item;
  }

  function counted(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function showFailure() {
    var status = document.getElementById("search-status") || document.getElementById("site-search-results");
    if (status) { status.hidden = false; status.textContent = "The search index could not be loaded (search/index.js)."; }
  }

  // ---- The header's search box: results as the reader types, the search page on Enter.
  if (headerForm) {
    var input = document.getElementById("site-search-input");
    var popup = document.getElementById("site-search-results");
    headerForm.hidden = false;
    var pending = 0;
    var close = function () { popup.hidden = true; };
    var showResults = function () {
      var query = input.value;
      if (!words(query).length) { close(); return; }
      withIndex(function (index) {
        if (input.value !== query) return;
        var terms = words(query);
        var hits = search(index, query, { track: "", level: "", area: "" });
        popup.textContent = "";
        var status = document.createElement("p");
        status.className = "search-status";
        status.setAttribute("role", "status");
        status.textContent = hits.length ? counted(hits.length, "result", "results") : "Nothing matches “" + query + "”.";
        popup.appendChild(status);
        var list = document.createElement("ol");
        list.className = "search-results";
        hits.slice(0, 8).forEach(function (hit) { list.appendChild(resultItem(hit, terms, index)); });
        popup.appendChild(list);
        if (hits.length > 8) {
          var more = document.createElement("a");
          more.className = "search-more";
          more.href = root + "search/index.html?q=" + encodeURIComponent(query);
          more.textContent = "All " + hits.length + " results";
          popup.appendChild(more);
        }
        popup.hidden = false;
      });
    };
    input.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(showResults, 60);
    });
    input.addEventListener("focus", function () { withIndex(function () {}); if (input.value) showResults(); });
    headerForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (words(input.value).length) location.href = root + "search/index.html?q=" + encodeURIComponent(input.value);
    });
    headerForm.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(popup.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { close(); input.focus(); }
      else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      else if (event.key === "ArrowUp" && at >= 0) { event.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
    });
    document.addEventListener("click", function (event) { if (!headerForm.contains(event.target)) close(); });
  }

  // ---- The search page: the query and filters live in the address bar.
  if (pageForm) {
    var q = document.getElementById("search-q");
    var selects = { track: document.getElementById("search-track"), level: document.getElementById("search-level"), area: document.getElementById("search-area") };
    var status = document.getElementById("search-status");
    var results = document.getElementById("search-results");
    var params = new URLSearchParams(location.search);
    pageForm.hidden = false;
    q.value = params.get("q") || "";
    var timed = false;
    var run = function () {
      withIndex(function (index) {
        var filters = { track: selects.track.value, level: selects.level.value, area: selects.area.value };
        var terms = words(q.value);
        var hits = search(index, q.value, filters);
        results.textContent = "";
        hits.slice(0, 200).forEach(function (hit) { results.appendChild(resultItem(hit, terms, index)); });
        status.textContent = !terms.length ? "Type a word to search."
          : !hits.length ? "Nothing matches “" + q.value + "”" + (filters.track || filters.level || filters.area ? " with these filters." : ".")
          : counted(hits.length, "result", "results") + (hits.length > 200 ? "; the first 200 are shown." : ".");
        if (!timed && terms.length) {
          timed = true;
          // Milliseconds from opening the page to the first results, for `make bench`.
          results.setAttribute("data-first-results-ms", String(Math.round(performance.now())));
        }
        var next = new URLSearchParams();
        if (q.value) next.set("q", q.value);
        Object.keys(filters).forEach(function (key) { if (filters[key]) next.set(key, filters[key]); });
        var address = location.pathname + (next.toString() ? "?" + next.toString() : "");
        try { history.replaceState(null, "", address); } catch (error) { /* some browsers refuse on file:// */ }
      });
    };
    withIndex(function (index) {
      var option = function (select, value, label) {
        var element = document.createElement("option");
        element.value = value;
        element.textContent = label;
        select.appendChild(element);
      };
      index.tracks.forEach(function (track, number) { option(selects.track, String(number), track.title); });
      var levels = [];
      index.entries.forEach(function (entry) { if (entry.level && levels.indexOf(entry.level) < 0) levels.push(entry.level); });
      levels.forEach(function (level) { option(selects.level, level, level); });
      index.areas.slice().sort(function (a, b) { return a.localeCompare(b); }).forEach(function (area) { option(selects.area, area, area); });
      Object.keys(selects).forEach(function (key) { if (params.get(key)) selects[key].value = params.get(key); });
      run();
    });
    var pendingPage = 0;
    q.addEventListener("input", function () { clearTimeout(pendingPage); pendingPage = setTimeout(run, 60); });
    Object.keys(selects).forEach(function (key) { selects[key].addEventListener("change", run); });
    pageForm.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  }

  // ---- "/" searches from anywhere but a field.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.getElementById("search-q") || document.getElementById("site-search-input");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // ---- A behaviour's link icon: the page's address with its anchor, copied.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.permalink") : null;
    if (!link || !navigator.clipboard) return;
    var address = location.href.split("#")[0] + link.getAttribute("href");
    navigator.clipboard.writeText(address).then(function () {
      var before = link.getAttribute("aria-label");
      link.setAttribute("data-copied", "");
      link.setAttribute("aria-label", "Link copied");
      setTimeout(function () { link.removeAttribute("data-copied"); link.setAttribute("aria-label", before); }, 1500);
    }, function () { /* the address bar has the link all the same */ });
  });
})();
