// Close-zoom reference layer: runways, aerodromes, navaids and airspace zones we hold, drawn
// over the offline basemap from zoom 10, where country outlines alone leave an empty box.
// Usage: SkywatchReferenceLayer(map, url). Static file only (CSP: no inline script).
(function () {
  "use strict";
  var MIN_ZOOM = 10, MAX_SPAN = 2.0;  // degrees each way, the API's limit
  var STYLE = {
    runway: { color: "#30363d", weight: 5, opacity: 0.9 },
    zone: { color: "#8250df", weight: 1, fillColor: "#8250df", fillOpacity: 0.08, dashArray: "4 3" }
  };
  function label(p) {
    if (p.kind === "runway") { return p.aerodrome + " " + p.name; }
    if (p.kind === "zone") { return p.name + " (" + p.zone_type + ")"; }
    return (p.code ? p.code + " " : "") + p.name + (p.type ? " " + p.type : "");
  }
  window.SkywatchReferenceLayer = function (map, url) {
    var layer = L.geoJSON(null, {
      interactive: false,
      style: function (f) { return STYLE[f.properties.kind] || STYLE.zone; },
      pointToLayer: function (f, latlng) {
        var navaid = f.properties.kind === "navaid";
        return L.circleMarker(latlng, { radius: navaid ? 4 : 6, weight: 1, color: "#1b1f23",
          fillColor: navaid ? "#ffffff" : "#0b5cad", fillOpacity: 0.9,
          className: "ref-" + f.properties.kind });
      },
      onEachFeature: function (f, l) {
        l.options.className = "ref-" + f.properties.kind;
        l.bindTooltip(label(f.properties), { permanent: f.properties.kind !== "zone",
          direction: "right", className: "ref-label ref-label-" + f.properties.kind });
      }
    });
    var seq = 0;
    function refresh() {
      layer.clearLayers();
      if (map.getZoom() < MIN_ZOOM) { return; }
      var b = map.getBounds(), c = b.getCenter();
      var w = Math.min(b.getEast() - b.getWest(), MAX_SPAN) / 2;
      var h = Math.min(b.getNorth() - b.getSouth(), MAX_SPAN) / 2;
      var lon = ((c.lng + 540) % 360) - 180;
      var bbox = [Math.max(lon - w, -180), Math.max(c.lat - h, -90),
                  Math.min(lon + w, 180), Math.min(c.lat + h, 90)].map(function (v) { return v.toFixed(4); });
      var mine = ++seq;
      fetch(url + "?bbox=" + bbox.join(","))
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (gj) { if (mine === seq) { layer.clearLayers(); layer.addData(gj); } })
        .catch(function () { /* the map still works without the reference layer */ });
    }
    layer.addTo(map);
    map.on("moveend", refresh);
    refresh();
    return layer;
  };
})();
