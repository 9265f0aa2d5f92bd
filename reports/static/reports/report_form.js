// Report form: browser time zone, and a Leaflet map that sets latitude/longitude on click.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var tz = form.querySelector("[name=tz_offset_minutes]");
  if (tz && tz.value === "") { tz.value = String(new Date().getTimezoneOffset()); }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // One submission per rendered form: disable the button after the first click.
  form.addEventListener("submit", function () {
    // The offset in force on the sighting date, not today's: summer time may differ.
    var when = form.querySelector("[name=observed_at]");
    var local = when && when.value ? new Date(when.value) : null;  // datetime-local: local time
    if (tz && local && !isNaN(local.getTime())) { tz.value = String(local.getTimezoneOffset()); }
    var button = document.getElementById("submit-report");
    if (button) { button.disabled = true; button.textContent = "Sending…"; }
  });

  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { worldCopyJump: true }).setView([30, -40], 2);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "" }).addTo(map);
  } else {
    fetch(el.dataset.countries).then(function (r) { return r.json(); }).then(function (gj) {
      L.geoJSON(gj, { style: { color: "#6b7f8e", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
                      interactive: false }).addTo(map);
    }).catch(function () { /* the map still works without outlines */ });
  }
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var marker = null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
  }
  map.on("click", function (e) {
    var p = e.latlng.wrap();
    lat.value = p.lat.toFixed(5);
    lon.value = p.lng.toFixed(5);
    place(p);
  });
  if (lat.value && lon.value) { place([parseFloat(lat.value), parseFloat(lon.value)]); }
})();
