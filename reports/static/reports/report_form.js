// Report form: browser time zone; a Leaflet map whose click or drag sets latitude/longitude;
// a live check of where the typed location resolves (GET /api/v1/locate/); and a question when
// the map point and the typed text disagree, so neither silently overrides the other.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var tz = form.querySelector("[name=tz_offset_minutes]");
  if (tz && tz.value === "") { tz.value = String(new Date().getTimezoneOffset()); }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // One submission per rendered form: disable the button after the first click.
  form.addEventListener("submit", function (ev) {
    if (pending) {  // an unanswered question: ask again rather than file a guess
      ev.preventDefault();
      conflictBox.hidden = false;
      conflictBox.focus();
      return;
    }
    // The offset in force on the sighting date, not today's: summer time may differ.
    var when = form.querySelector("[name=observed_at]");
    var local = when && when.value ? new Date(when.value) : null;  // datetime-local: local time
    if (tz && local && !isNaN(local.getTime())) { tz.value = String(local.getTimezoneOffset()); }
    var button = document.getElementById("submit-report");
    if (button) { button.disabled = true; button.textContent = "Sending…"; }
  });

  var el = document.getElementById("map");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var text = document.getElementById("id_location_text");
  var source = document.getElementById("id_position_source");
  var readout = document.getElementById("locate-result");
  var conflictBox = document.getElementById("position-conflict");
  var conflictText = document.getElementById("position-conflict-text");
  var pending = null;  // a map point waiting for the reporter's answer
  var resolved = null;  // where the typed text resolves: {latitude, longitude, uncertainty_nm, ...}
  if (!el || typeof L === "undefined") { return; }

  var map = L.map(el, { worldCopyJump: true }).setView([30, -40], 2);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "" }).addTo(map);
  } else {
    fetch(el.dataset.countries).then(function (r) { return r.json(); }).then(function (gj) {
      L.geoJSON(gj, { style: { color: "#6b7f8e", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
                      interactive: false }).addTo(map).bringToBack();
    }).catch(function () { /* the map still works without outlines */ });
  }
  if (window.SkywatchReferenceLayer && el.dataset.reference) {
    window.SkywatchReferenceLayer(map, el.dataset.reference);
  }

  var marker = null, textCircle = null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); return; }
    marker = L.marker(latlng, { draggable: true, keyboard: true }).addTo(map);
    marker.on("dragend", function () { propose(marker.getLatLng().wrap()); });
  }
  function setPoint(p, how) {
    lat.value = p.lat.toFixed(5);
    lon.value = p.lng.toFixed(5);
    source.value = how;
    place(p);
  }
  function clearPoint() {
    lat.value = ""; lon.value = ""; source.value = "";
    if (marker) { map.removeLayer(marker); marker = null; }
  }
  function nm(a, b) {  // great-circle distance in NM between two {lat, lng}
    var r = Math.PI / 180, dLat = (b.lat - a.lat) * r, dLon = (b.lng - a.lng) * r;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * 3440.065 * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  function textPoint() { return L.latLng(resolved.latitude, resolved.longitude); }
  // A point proposed by a click or drag: used at once when it agrees with the typed text (or
  // there is none), otherwise held until the reporter says which one is right.
  function propose(p) {
    if (!resolved || !text.value.trim()) { pending = null; conflictBox.hidden = true; setPoint(p, "map"); return; }
    var d = nm(p, textPoint());
    if (d <= Math.max(resolved.uncertainty_nm, 1.0)) {
      pending = null; conflictBox.hidden = true; setPoint(p, "both"); return;
    }
    pending = p;
    place(p);
    conflictText.textContent = "Your map point is " + Math.round(d) + " NM from where “" +
      text.value.trim() + "” puts it (" + resolved.description + "). Which is right?";
    conflictBox.hidden = false;
    conflictBox.focus();
  }
  document.getElementById("use-map-point").addEventListener("click", function () {
    if (pending) { setPoint(pending, "map"); }
    pending = null; conflictBox.hidden = true;
  });
  document.getElementById("use-typed-text").addEventListener("click", function () {
    pending = null; conflictBox.hidden = true;
    clearPoint();  // the server locates the text itself; no coordinates are sent
    if (resolved) { map.setView(textPoint(), Math.max(map.getZoom(), 11)); }
  });
  map.on("click", function (e) { propose(e.latlng.wrap()); });

  function showResolved(body) {
    resolved = body.found ? body : null;
    if (textCircle) { map.removeLayer(textCircle); textCircle = null; }
    if (!body.found) {
      readout.textContent = "We cannot place “" + text.value.trim() + "” yet: add an airport code, a " +
        "distance and direction from one, a town, or click the map.";
      return;
    }
    readout.textContent = "We read this as " + body.description + ".";
    var c = textPoint();
    textCircle = L.circle(c, { radius: Math.max(body.uncertainty_nm, 0.2) * 1852, weight: 1,
      color: "#0b5cad", fillOpacity: 0.1, interactive: false, className: "text-position" }).addTo(map);
    if (!lat.value) { map.fitBounds(textCircle.getBounds(), { maxZoom: 12 }); }
    else { propose(L.latLng(parseFloat(lat.value), parseFloat(lon.value))); }
  }
  var timer = null, seq = 0;
  function check() {
    var q = text.value.trim();
    if (!q) { resolved = null; readout.textContent = ""; return; }
    var mine = ++seq;
    fetch(el.dataset.locate + "?q=" + encodeURIComponent(q.slice(0, 500)))
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (body) { if (mine === seq) { showResolved(body); } })
      .catch(function () { if (mine === seq) { readout.textContent = ""; } });
  }
  text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 500); });

  var here = document.getElementById("use-my-location");
  if (here && navigator.geolocation) {
    here.hidden = false;
    here.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        setPoint(L.latLng(pos.coords.latitude, pos.coords.longitude), "device");
        map.setView(marker.getLatLng(), 12);
      });
    });
  }
  if (lat.value && lon.value) { place([parseFloat(lat.value), parseFloat(lon.value)]); }
  if (text.value.trim()) { check(); }
})();
