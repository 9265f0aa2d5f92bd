// Hotspot map: Gi* hexagons, optional report clusters, aerodromes and airspace zones.
// Configuration comes from data- attributes on #hotspot-map (CSP: no inline script).
(function () {
  "use strict";
  var el = document.getElementById("hotspot-map");
  if (!el || typeof L === "undefined") { return; }
  var cfg = el.dataset;
  var isPublic = cfg.public === "true";
  var form = document.getElementById("map-filters");
  var statusLine = document.getElementById("map-status");

  // Hot red / cold blue; stronger colour and opacity for higher confidence.
  var STYLE = {
    hot_99: ["#b2182b", 0.8], hot_95: ["#d6604d", 0.65], hot_90: ["#f4a582", 0.55],
    cold_99: ["#2166ac", 0.8], cold_95: ["#4393c3", 0.65], cold_90: ["#92c5de", 0.55],
    not_significant: ["#8c8c8c", 0.25]
  };
  var LABEL = {
    hot_99: "hot spot (99 %)", hot_95: "hot spot (95 %)", hot_90: "hot spot (90 %)",
    cold_99: "cold spot (99 %)", cold_95: "cold spot (95 %)", cold_90: "cold spot (90 %)",
    not_significant: "not significant"
  };

  var map = L.map(el, { worldCopyJump: true }).setView([39, -98], 4);
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, { attribution: cfg.attribution || "" }).addTo(map);
  } else {
    fetch(cfg.countriesUrl).then(function (r) { return r.json(); }).then(function (gj) {
      L.geoJSON(gj, { style: { color: "#6b7f8e", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
                      interactive: false }).addTo(map).bringToBack();
    }).catch(function () { /* the map still works without outlines */ });
  }

  if (window.SkywatchReferenceLayer && cfg.referenceUrl) {
    window.SkywatchReferenceLayer(map, cfg.referenceUrl);
  }

  // --- time slider: whole months from the first to the last sighting -----------------------
  var months = [];
  (function buildMonths() {
    if (!cfg.firstMonth || !cfg.lastMonth) { return; }
    var y = parseInt(cfg.firstMonth.slice(0, 4), 10), m = parseInt(cfg.firstMonth.slice(5, 7), 10);
    var endY = parseInt(cfg.lastMonth.slice(0, 4), 10), endM = parseInt(cfg.lastMonth.slice(5, 7), 10);
    while (y < endY || (y === endY && m <= endM)) {
      months.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
  })();
  var from = document.getElementById("f-from"), to = document.getElementById("f-to");
  var fromLabel = document.getElementById("f-from-label"), toLabel = document.getElementById("f-to-label");
  from.max = to.max = String(Math.max(months.length - 1, 0));
  to.value = to.max;
  function nextMonth(ym) {
    var y = parseInt(ym.slice(0, 4), 10), m = parseInt(ym.slice(5, 7), 10) + 1;
    if (m > 12) { m = 1; y += 1; }
    return y + "-" + (m < 10 ? "0" : "") + m;
  }
  function syncLabels() {
    if (parseInt(from.value, 10) > parseInt(to.value, 10)) { to.value = from.value; }
    fromLabel.textContent = months[parseInt(from.value, 10)] || "";
    toLabel.textContent = months[parseInt(to.value, 10)] || "";
  }
  syncLabels();

  function filterParams(includeResolution) {
    var p = new URLSearchParams();
    if (includeResolution) { p.set("resolution", form.elements.resolution.value); }
    ["encounter_class", "status"].forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) { p.set(name, field.value); }
    });
    var i = parseInt(from.value, 10), j = parseInt(to.value, 10);
    // The whole range means "all time": the precomputed snapshot answers that at once.
    if (months.length && i > 0) { p.set("since", months[i] + "-01T00:00:00Z"); }
    if (months.length && j < months.length - 1) { p.set("until", nextMonth(months[j]) + "-01T00:00:00Z"); }
    return p;
  }

  // --- hexagons ----------------------------------------------------------------------------
  var hexLayer = null, fitted = false, loadSeq = 0;
  function hexStyle(feature) {
    var s = STYLE[feature.properties.classification] || STYLE.not_significant;
    return { color: s[0], weight: 0.6, opacity: 0.9, fillColor: s[0], fillOpacity: s[1],
             className: "hex hex-" + feature.properties.classification +
               (feature.properties.count === 0 ? " hex-empty" : " hex-reported") };
  }
  function describe(props) {
    var count = props.count === null ? "fewer than a few" : String(props.count);
    return count + " report" + (props.count === 1 ? "" : "s") + " · " +
      (LABEL[props.classification] || props.classification) +
      " · Gi* z = " + (props.z === null ? "–" : props.z.toFixed(2));
  }
  function loadHexagons() {
    var seq = ++loadSeq;
    el.dataset.state = "loading";
    statusLine.textContent = "Loading hotspots…";
    fetch(cfg.hotspotsUrl + "?" + filterParams(true).toString(), { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error("the server answered " + r.status); }
        return r.json();
      })
      .then(function (gj) {
        if (seq !== loadSeq) { return; }  // a newer request superseded this one
        if (hexLayer) { map.removeLayer(hexLayer); }
        dotLayer.clearLayers();
        hexLayer = L.geoJSON(gj, { style: hexStyle, onEachFeature: function (f, layer) {
          layer.bindTooltip(describe(f.properties), { sticky: true });
          layer.on("click", function () { showCell(f.properties, f); });
          addDot(f);
        } }).addTo(map);
        var hot = gj.features.filter(function (f) { return f.properties.classification.indexOf("hot") === 0; }).length;
        statusLine.textContent = gj.features.length + " hexagons, " + hot + " hot, from " +
          (gj.meta ? gj.meta.reports : "?") + " reports";
        el.dataset.hexagons = String(gj.features.length);
        el.dataset.hot = String(hot);
        // Open on the hot spots (a few mislocated reports abroad must not zoom out to the world).
        if (!fitted && gj.features.length) {
          var target = dotLayer.getLayers().length ? L.featureGroup(dotLayer.getLayers().filter(function (d) {
            return d.options.className.indexOf("hex-dot-hot") >= 0; })) : hexLayer;
          if (!target.getLayers().length) { target = hexLayer; }
          map.fitBounds(target.getBounds(), { maxZoom: 10, padding: [20, 20] });
          fitted = true;
        }
        showDots();
        el.dataset.state = "ready";
      })
      .catch(function (err) {
        if (seq !== loadSeq) { return; }
        statusLine.textContent = "Could not load hotspots: " + err.message;
        el.dataset.state = "error";
      });
  }

  // Hexagons of res 6-9 are specks when zoomed out: significant ones also get a dot of their
  // colour, shown below DOT_MAX_ZOOM only.
  var DOT_MAX_ZOOM = 7;
  var dotLayer = L.featureGroup();
  function addDot(f) {
    var cls = f.properties.classification;
    if (cls === "not_significant") { return; }
    var ring = f.geometry.coordinates[0], lat = 0, lng = 0, n = ring.length - 1;
    for (var i = 0; i < n; i++) { lng += ring[i][0]; lat += ring[i][1]; }
    var s = STYLE[cls];
    var dot = L.circleMarker([lat / n, lng / n], { radius: cls.indexOf("_99") > 0 ? 5 : 4,
      color: s[0], weight: 1, fillColor: s[0], fillOpacity: Math.min(1, s[1] + 0.2),
      className: "hex-dot hex-dot-" + cls });
    dot.bindTooltip(describe(f.properties));
    dot.on("click", function () { showCell(f.properties, f); });
    dotLayer.addLayer(dot);
  }
  function showDots() {
    if (map.getZoom() <= DOT_MAX_ZOOM) { dotLayer.addTo(map); } else { map.removeLayer(dotLayer); }
  }
  map.on("zoomend", showDots);

  // --- clicking a hexagon ------------------------------------------------------------------
  var summary = document.getElementById("cell-summary");
  var table = document.getElementById("cell-reports");
  function cellText(tag, text) { var td = document.createElement(tag); td.textContent = text || ""; return td; }
  // Where a hexagon is, in words: the nearest aerodrome with reports (from the aerodromes
  // layer, fetched once), rather than only its H3 id.
  var named = null;
  function centroid(f) {
    var ring = f.geometry.coordinates[0], lat = 0, lng = 0, n = ring.length - 1;
    for (var i = 0; i < n; i++) { lng += ring[i][0]; lat += ring[i][1]; }
    return L.latLng(lat / n, lng / n);
  }
  function whereIs(f, done) {
    var c = centroid(f);
    function answer() {
      var best = null, bestD = Infinity;
      named.forEach(function (a) { var d = c.distanceTo(a.at); if (d < bestD) { bestD = d; best = a; } });
      if (!best || bestD > 100 * 1852) { done("at " + c.lat.toFixed(2) + ", " + c.lng.toFixed(2)); return; }
      done(bestD < 1852 ? "at " + best.name + " (" + best.code + ")"
        : (bestD / 1852).toFixed(1) + " NM from " + best.name + " (" + best.code + ")");
    }
    if (named) { answer(); return; }
    fetch(cfg.aerodromesUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (gj) {
        named = gj.features.map(function (a) {
          var xy = a.geometry.coordinates;
          return { at: L.latLng(xy[1], xy[0]), code: a.properties.code, name: a.properties.name };
        });
        answer();
      }).catch(function () { named = []; answer(); });
  }
  var shown = { where: "", listing: "", seq: 0 };
  function renderSummary(props) {
    summary.textContent = "Hexagon" + (shown.where ? " " + shown.where : "") + ": " + describe(props) +
      "." + shown.listing + " (H3 cell " + props.cell + ")";
  }
  function showCell(props, f) {
    var mine = ++shown.seq;
    shown.where = ""; shown.listing = "";
    renderSummary(props);
    if (f) {
      whereIs(f, function (where) { if (mine === shown.seq) { shown.where = where; renderSummary(props); } });
    }
    if (isPublic || !cfg.cellUrl || !table) { return; }
    var body = table.querySelector("tbody");
    body.textContent = "";
    table.hidden = true;
    fetch(cfg.cellUrl.replace("CELL", encodeURIComponent(props.cell)) + "?" + filterParams(false).toString(),
          { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("the server answered " + r.status); } return r.json(); })
      .then(function (data) {
        data.reports.forEach(function (rep) {
          var tr = document.createElement("tr");
          tr.appendChild(cellText("td", rep.reference));
          tr.appendChild(cellText("td", rep.observed_at.slice(0, 16).replace("T", " ")));
          tr.appendChild(cellText("td", rep.aerodrome_code));
          tr.appendChild(cellText("td", rep.encounter_class));
          tr.appendChild(cellText("td", rep.synopsis));
          body.appendChild(tr);
        });
        if (mine !== shown.seq) { return; }
        shown.listing = " Showing " + data.reports.length + " of " + data.count + ", newest first.";
        renderSummary(props);
        table.hidden = false;
      })
      .catch(function (err) { summary.textContent = "Could not load the cell's reports: " + err.message; });
  }

  // --- optional layers ---------------------------------------------------------------------
  var pointsBox = document.getElementById("l-points");
  var aeroBox = document.getElementById("l-aerodromes");
  var zonesBox = document.getElementById("l-zones");
  var pointsLayer = L.layerGroup(), aeroLayer = L.layerGroup(), zonesLayer = L.layerGroup();

  function clusterResolution(zoom) {
    if (zoom <= 5) { return 5; } if (zoom <= 7) { return 6; } if (zoom <= 9) { return 7; }
    if (zoom <= 11) { return 8; } return 9;
  }
  function loadPoints() {
    if (!pointsBox || !pointsBox.checked || !cfg.clustersUrl) { return; }
    var p = filterParams(false);
    var zoom = map.getZoom();
    p.set("resolution", String(clusterResolution(zoom)));
    if (zoom >= 6) {
      var b = map.getBounds();
      p.set("bbox", [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90),
                     Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)].map(function (v) { return v.toFixed(4); }).join(","));
    }
    fetch(cfg.clustersUrl + "?" + p.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (gj) {
        pointsLayer.clearLayers();
        gj.features.forEach(function (f) {
          var n = f.properties.count, c = f.geometry.coordinates;
          var marker = L.circleMarker([c[1], c[0]], { radius: 4 + 3 * Math.log(n) / Math.LN2 * 0.6,
            color: "#3f2b63", weight: 1, fillColor: "#7b5ea7", fillOpacity: 0.7, className: "cluster" });
          marker.bindTooltip(n === 1 ? (f.properties.reference || "1 report") : n + " reports");
          pointsLayer.addLayer(marker);
        });
      })
      .catch(function () { statusLine.textContent = "Could not load report points."; });
  }
  function loadAerodromes() {
    if (!aeroBox.checked) { aeroLayer.clearLayers(); return; }
    fetch(cfg.aerodromesUrl + "?" + filterParams(false).toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (gj) {
        aeroLayer.clearLayers();
        gj.features.forEach(function (f) {
          var c = f.geometry.coordinates, p = f.properties;
          aeroLayer.addLayer(L.circleMarker([c[1], c[0]], { radius: 3, color: "#111", weight: 1,
            fillColor: "#fff", fillOpacity: 1, className: "aerodrome" })
            .bindTooltip(p.code + " " + p.name + " · " + p.reports + " reports"));
        });
      })
      .catch(function () { /* optional layer */ });
  }
  var zonesLoaded = false;
  function loadZones() {
    if (zonesLoaded) { return; }
    zonesLoaded = true;
    fetch(cfg.zonesUrl).then(function (r) { return r.json(); }).then(function (gj) {
      L.geoJSON(gj, { style: { color: "#6a3d9a", weight: 1, dashArray: "4 3", fillOpacity: 0.05,
                               className: "zone" },
                      onEachFeature: function (f, layer) {
                        var p = f.properties;
                        layer.bindTooltip(p.name + " (" + p.zone_type + ") " + (p.lower_limit || "") +
                                          "–" + (p.upper_limit || ""));
                      } }).eachLayer(function (layer) { zonesLayer.addLayer(layer); });
    }).catch(function () { zonesLoaded = false; });
  }
  function toggle(box, layer, loader) {
    if (!box) { return; }
    box.addEventListener("change", function () {
      if (box.checked) { layer.addTo(map); loader(); } else { map.removeLayer(layer); }
    });
    if (box.checked) { layer.addTo(map); loader(); }
  }
  toggle(pointsBox, pointsLayer, loadPoints);
  toggle(aeroBox, aeroLayer, loadAerodromes);
  toggle(zonesBox, zonesLayer, loadZones);
  map.on("moveend", loadPoints);

  // --- filters -----------------------------------------------------------------------------
  var timer = null;
  function reload() {
    syncLabels();
    clearTimeout(timer);
    timer = setTimeout(function () { loadHexagons(); loadPoints(); loadAerodromes(); }, 150);
  }
  form.addEventListener("change", function (e) {
    if (e.target && e.target.type === "checkbox") { return; }
    reload();
  });
  from.addEventListener("input", syncLabels);
  to.addEventListener("input", syncLabels);
  form.addEventListener("submit", function (e) { e.preventDefault(); reload(); });
  loadHexagons();
})();
