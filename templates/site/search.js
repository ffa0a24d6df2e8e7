// Practice Spotlight hub: filters and full-text search over search-index.js, with no framework
// and no build step. Without JavaScript the form stays hidden and the browse pages list
// everything. Results are built with textContent only, so no published text becomes markup.
(function () {
  "use strict";
  var index = window.SPOTLIGHT_INDEX;
  var form = document.getElementById("finder");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  if (!index || !form || !status || !results) {
    return;
  }
  var LIMIT = 200;
  var fields = {
    category: "categories",
    authority: "authorities",
    sub_region: "sub_regions",
    theme: "themes",
    edition: "edition"
  };
  var entries = index.submissions.map(function (s) {
    var haystack = [s.title, s.summary || "", s.authorities.join(" "), s.themes.join(" "), s.text]
      .join(" ")
      .toLowerCase();
    return { s: s, haystack: haystack };
  });

  function has(value, wanted) {
    wanted = wanted.toLowerCase();
    if (Array.isArray(value)) {
      return value.some(function (v) { return String(v).toLowerCase() === wanted; });
    }
    return String(value).toLowerCase() === wanted;
  }

  function card(s) {
    var li = document.createElement("li");
    li.className = "card";
    var h = document.createElement("h3");
    var a = document.createElement("a");
    a.href = s.url;
    a.textContent = s.title;
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = s.authorities.join(", ") + " · " + s.edition;
    li.appendChild(meta);
    if (s.summary) {
      var p = document.createElement("p");
      p.textContent = s.summary;
      li.appendChild(p);
    }
    return li;
  }

  function update() {
    var words = document.getElementById("q").value.toLowerCase().split(/\s+/).filter(Boolean);
    var chosen = [];
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) {
        chosen.push([fields[select.getAttribute("data-filter")], select.value]);
      }
    });
    var found = entries.filter(function (e) {
      return chosen.every(function (c) { return has(e.s[c[0]], c[1]); }) &&
        words.every(function (w) { return e.haystack.indexOf(w) !== -1; });
    });
    results.textContent = "";
    found.slice(0, LIMIT).forEach(function (e) { results.appendChild(card(e.s)); });
    var shown = found.length > LIMIT ? " The first " + LIMIT + " are shown; add words or filters to narrow them." : "";
    status.textContent = found.length + (found.length === 1 ? " example matches." : " examples match.") + shown;
  }

  var params = new URLSearchParams(window.location.search);
  params.forEach(function (value, key) {
    var control = form.elements.namedItem(key);
    if (control) {
      control.value = value;
    }
  });
  form.hidden = false;
  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  update();
})();
