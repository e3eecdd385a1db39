// The supervisor's map (一张图): grid cells drawn from GeoJSON, so it works on an intranet without tiles, with open
// cases by category, grid workers' positions and open alarms on top. Every marker opens its details on a click.
import { api, el } from '/ui/api.js';
import { t, lang } from '/ui/i18n.js';

// One colour per main category (the first two digits of the code), so a cluster of one kind of problem stands out.
const PALETTE = ['#0b5cad', '#b35900', '#7b4fb0', '#00838f', '#6d4c41', '#2e7d32', '#ad1457', '#455a64', '#9e9d24',
  '#283593', '#ef6c00', '#5d4037'];
const colourOf = code => PALETTE[(parseInt(String(code).slice(0, 2), 10) || 0) % PALETTE.length];
const when = at => (at ? new Date(at).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN') : '—');

/** A popup body built from DOM nodes: residents' words go in as text, never as HTML. */
function details(title, rows) {
  return el('div', { class: 'map-popup' }, el('strong', {}, title),
    ...rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => el('div', {}, `${k}: ${v}`)));
}

export async function startMap(container, categoryName) {
  const L = window.L;
  // No fading: a popup is readable the moment it opens (and in the browser test's screenshot).
  const map = L.map(container, { attributionControl: false, fadeAnimation: false, zoomSnap: 0.25 });
  const settings = await api('GET', '/api/ui/settings');
  if (settings.mapTileUrl) L.tileLayer(settings.mapTileUrl, { maxZoom: 19 }).addTo(map);

  const grids = L.geoJSON(await api('GET', '/api/grid/geojson'), {
    style: { className: 'grid-cell', color: '#0d2b4e', weight: 1, fillColor: '#9db7d5', fillOpacity: 0.12 },
    onEachFeature: (f, layer) => layer.bindPopup(details(f.properties.name, [[t('grid'), f.properties.code],
      [t('community'), f.properties.community], [t('street'), f.properties.street],
      [t('layerWorkers'), (f.properties.workerIds || []).join(', ')]])),
  }).addTo(map);
  map.fitBounds(grids.getBounds());
  // The page settles after the map is made (scroll bar, chart): follow the box, and keep the district in view
  // until the supervisor moves the map themselves.
  let moved = false;
  map.on('dragstart', () => { moved = true; });
  new ResizeObserver(() => {
    map.invalidateSize();
    if (!moved) map.fitBounds(grids.getBounds());
  }).observe(container);
  const cases = L.layerGroup().addTo(map);
  const workers = L.layerGroup().addTo(map);
  const alarms = L.layerGroup().addTo(map);
  const markers = new Map();
  L.control.layers(null, { [t('layerGrids')]: grids, [t('layerCases')]: cases, [t('layerWorkers')]: workers,
    [t('layerAlarms')]: alarms }, { collapsed: false }).addTo(map);

  function drawCases(list) {
    cases.clearLayers();
    markers.clear();
    list.forEach(c => {
      const marker = L.circleMarker([c.latitude, c.longitude], { className: `case-marker case-${c.number}`,
        radius: 7, color: '#fff', weight: 1.5, fillColor: colourOf(c.categoryCode), fillOpacity: 0.95 })
        .bindPopup(details(c.number, [[t('category'), categoryName(c.categoryCode)],
          [t('caseState'), lang() === 'en' ? c.state : c.stateName], [t('description'), c.description],
          [t('address'), c.address], [t('assignee'), c.assignee], [t('deadline'), when(c.deadline)]]));
      markers.set(c.number, marker.addTo(cases));
    });
  }

  function drawWorkers(list) {
    workers.clearLayers();
    list.filter(w => w.position).forEach(w => {
      const status = !w.onDuty ? t('offDuty') : w.busy ? t('busy') : t('workerFree');
      L.circleMarker([w.position.latitude, w.position.longitude], { className: 'worker-marker', radius: 5,
        color: '#fff', weight: 1, fillOpacity: 0.9, fillColor: !w.onDuty ? '#8a96a3' : w.busy ? '#0b5cad' : '#1a7f37' })
        .bindPopup(details(`${w.name} (${w.id})`, [[t('presence'), status], [t('grid'), (w.gridCodes || []).join(', ')],
          [t('position'), when(w.positionAt)]])).addTo(workers);
    });
  }

  function drawAlarms(list) {
    alarms.clearLayers();
    list.filter(a => a.place).forEach(a => {
      L.circleMarker([a.place.latitude, a.place.longitude], { className: 'alarm-marker', radius: 10, color: '#7f0000',
        weight: 2, fillColor: '#c62828', fillOpacity: 0.9 })
        .bindPopup(details(`${t('alarms')} · ${a.type}`, [[t('device'), a.deviceId],
          [t('receivedAt'), when(a.receivedAt)], [t('caseNumber'), a.caseNumber], [t('agent'), a.agentId],
          [t('escalations'), a.escalations]])).addTo(alarms);
    });
  }

  /** Reads the three overlays again; one failing source leaves the others drawn. */
  async function refresh() {
    const [c, w, a] = await Promise.allSettled([api('GET', '/api/supervisor/map/cases'),
      api('GET', '/api/grid/workers'), api('GET', '/api/devices/open-alarms')]);
    if (c.status === 'fulfilled') drawCases(c.value);
    if (w.status === 'fulfilled') drawWorkers(w.value);
    if (a.status === 'fulfilled') drawAlarms(a.value);
    container.dataset.cases = cases.getLayers().length;
  }

  await refresh();
  return {
    refresh,
    /** Centres the map on a case and opens its details, e.g. from the overdue list. */
    focus(number) {
      const marker = markers.get(number);
      if (marker) { map.setView(marker.getLatLng(), Math.max(map.getZoom(), 16)); marker.openPopup(); }
    },
  };
}
