/**
 * The viewer's entry point: loads the archive's dates, builds the map, the timeline and the panels,
 * and keeps them, the state and the URL in step. Everything else lives in small modules.
 */
import './styles.css';
import { Api, ApiError, type Distance, type Place, type Region, type Version } from './api';
import { addDays, snapToVersion, weekEndingOn } from './dates';
import { composeExport, downloadCanvas } from './export-png';
import { bboxOf, largestMovement, type BBox } from './geo';
import { ATTRIBUTION, FrontlineMap, type ItemHit } from './map/adapter';
import { Banner } from './panels/banner';
import { ClaimsLayer } from './panels/claims-layer';
import { ClaimsSection } from './panels/claims-section';
import { EventsLayer } from './panels/events-layer';
import { itemPopup, itemsPopup } from './panels/item-popup';
import { ComparePanel } from './panels/compare-panel';
import { LayerMenu } from './panels/layer-menu';
import { UnitsLayer } from './panels/units-layer';
import { Legend } from './panels/legend';
import { PanelHost } from './panels/panel-host';
import { PlacePanel } from './panels/place-panel';
import { RegionPanel } from './panels/region-panel';
import { SalientsSection } from './panels/salients-section';
import { TempoSection } from './panels/tempo-section';
import { WhatifPanel } from './panels/whatif-panel';
import { SearchBox } from './panels/search-box';
import { formatDrawnLine, readPageOptions, readState, whatifLineParam, writeState } from './permalink';
import { INITIAL_STATE, LAYER_NAMES, Store, type LayerName, type ViewerState } from './state';
import { teamUpdates } from './timeline/changelog';
import { ChangelogNote } from './timeline/changelog-note';
import { Timeline } from './timeline/timeline';

const slot = (id: string) => document.getElementById(id)!;

const api = new Api();
const page = readPageOptions(location.search);
const store = new Store<ViewerState>({ ...INITIAL_STATE, ...readState(location.search) });
const banner = new Banner();
slot('banner-slot').append(banner.element);
document.body.classList.toggle('embed', page.embed);

/** Test and debugging hook: the map, a promise for the first drawn map, and the live state. */
interface FrontlineHook {
  ready: Promise<void>;
  state: () => ViewerState;
  map?: unknown;
  nextIdle?: () => Promise<void>;
  whenIdle?: () => Promise<void>;
  controlSummary?: () => unknown;
  /** Features drawn from an analysis source (front, movement, salients, whatif, distance, events, arrows, claims). */
  analysisFeatures?: (source: string) => number;
  exportPng?: () => Promise<string>;
  /** From boot (script start) to the first drawn map: control areas, borders, roads (place names follow). */
  firstRenderMs?: number;
  /** From navigation start to the first drawn map. */
  firstRenderAtMs?: number;
  /** From navigation start to the map drawn with its place names: the viewer is ready (`data-ready`). */
  readyAtMs?: number;
}
declare global { interface Window { __frontline: FrontlineHook } }

let markReady: () => void;
window.__frontline = { ready: new Promise<void>((r) => { markReady = r; }), state: () => store.get() };

// Failures the panels cannot show inline (server down, 5xx) go to the banner; 404s stay in the panels.
api.onActivity((_pending, error) => {
  if (error && error.status !== 404 && error.status !== 400) banner.show(`The Frontline server did not answer: ${error.message}`, () => location.reload());
});

async function boot(): Promise<void> {
  const started = performance.now();
  let dates: string[];
  let regions: Region[];
  try {
    [dates, regions] = await Promise.all([api.dates(), page.embed ? Promise.resolve([]) : api.regions()]);
  } catch (e) {
    slot('boot').textContent = 'Could not load the archive.';
    banner.show(`Could not load the map archive: ${e instanceof ApiError ? e.message : String(e)}`, () => void retryBoot());
    return;
  }
  if (dates.length === 0) {
    slot('boot').textContent = 'The archive has no map versions yet: import some with `frontline import deepstate`.';
    return;
  }
  store.set({ date: snapToVersion(dates, store.get().date ?? dates[dates.length - 1]) });
  const state = store.get();

  const map = new FrontlineMap({ container: slot('map'), origin: location.origin, date: state.date!, view: state.view, basemap: page.basemap });
  const legend = new Legend();
  const eventsLayer = new EventsLayer(api, (source, data) => map.setAnalysis(source, data));
  const claimsLayer = new ClaimsLayer(api, (data) => map.setAnalysis('claims', data));
  const unitsLayer = new UnitsLayer(api, (data) => map.setAnalysis('units', data));
  const showItem = (hit: ItemHit) => {
    if (hit.source === 'units') {
      // Units share a grid cell's centre: the popup lists every unit at the point clicked.
      const units = unitsLayer.items(hit.ref);
      if (units.length) map.showPopup(hit, itemsPopup(units, 'units'));
      return;
    }
    const item = hit.source === 'claims' ? claimsLayer.item(hit.ref) : eventsLayer.item(hit.source, hit.ref);
    if (item) map.showPopup(hit, itemPopup(item));
  };
  // An article's embedded map opens items too (and nothing else: there are no panels).
  if (page.embed) map.onClick({ item: showItem });
  const legendContent = (s: ViewerState) => ({
    comparing: !!s.compare, layers: s.layers, whatif: whatifDrawn,
    events: has(s, 'events') ? eventsLayer.summary : undefined, units: has(s, 'units') ? { count: unitsLayer.count, hidden: unitsLayer.hidden, sides: unitsLayer.sides } : undefined, claimants: has(s, 'claims') ? claimsLayer.claimants : undefined,
  });
  const has = (s: ViewerState, layer: LayerName) => s.layers.includes(layer);
  const setLayer = (layer: LayerName, on: boolean) => {
    const layers = LAYER_NAMES.filter((l) => (l === layer ? on : store.get().layers.includes(l)));
    const s = store.get();
    // The salients are listed in the region panel: open it when nothing else is open.
    store.set(layer === 'salients' && on && !s.panel && !page.embed ? { layers, panel: 'region', region: s.region ?? 'UA' } : { layers });
  };
  const layerMenu = new LayerMenu(setLayer);
  layerMenu.show(state.layers);
  slot('legend-slot').append(legend.element, layerMenu.element);
  const timeline = new Timeline({ dates, onDate: (date) => store.set({ date }), drawn: () => map.nextIdle() });
  timeline.show(state.date!);
  slot('timeline-slot').append(timeline.element);
  // The team's changelog of the version in force; the versions list is not needed to draw the map.
  const changelogNote = new ChangelogNote();
  slot('timeline-slot').append(changelogNote.element);
  changelogNote.show(state.date!);
  const showVersions = (versions: Version[]) => {
    changelogNote.setVersions(versions);
    timeline.setMarks(teamUpdates(versions));
  };
  void api.versions().then(showVersions, () => undefined);
  // The team publishes a version: the server tells every open viewer (GET /api/v1/events/stream).
  if (typeof EventSource !== 'undefined') {
    const live = new EventSource('/api/v1/events/stream');
    live.addEventListener('version', (e) => {
      const { id } = JSON.parse((e as MessageEvent<string>).data) as { id: number };
      void api.dates(id).then((next) => timeline.setDates(next));
      void api.versions(id).then(showVersions, () => undefined);
    });
  }

  map.onBusy((busy) => {
    timeline.setBusy(busy);
    document.documentElement.dataset.mapIdle = busy ? '0' : '1';
  });
  let tileErrorShown = false;
  map.onError((message) => {
    if (tileErrorShown) return;
    tileErrorShown = true;
    banner.show(`Some map tiles failed to load (${message}).`, () => location.reload());
  });
  map.onViewChange((view) => store.set({ view }));

  const exportInfo = () => {
    const s = store.get();
    return { date: s.date!, compare: s.compare, attribution: ATTRIBUTION, analysis: Legend.analysisItems(legendContent(s)) };
  };
  Object.assign(window.__frontline, {
    map: map.raw,
    nextIdle: () => map.nextIdle(),
    whenIdle: () => map.whenIdle(),
    controlSummary: () => map.controlSummary(),
    analysisFeatures: (source: string) => (map.raw.getSource(source) ? map.raw.querySourceFeatures(source).length : 0),
    exportPng: async () => composeExport(await map.snapshot(), exportInfo()).toDataURL('image/png'),
  });

  // ---- panels (not in embed mode) ----
  const host = new PanelHost();
  /** Width of the map hidden by the side panel (0 on phones, where it is a bottom sheet). */
  const panelCover = () => (window.innerWidth > 700 ? host.element.getBoundingClientRect().width || 400 : 0);
  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  const nameOf = (code: string) => regionNames.get(code) ?? code;
  let lastPlace: Place | undefined;
  const selectPlace = (code: string, place?: Place) => {
    lastPlace = place;
    store.set({ panel: 'place', place: code });
  };
  // Analyses fill the view: keep them clear of the legend too (on phones it sits at the top, over little).
  const legendCover = () => (window.innerWidth > 700 ? slot('legend-slot').getBoundingClientRect().width + 10 : 0);
  const flyToBox = (bbox: BBox) => map.flyTo({ bbox }, panelCover(), legendCover());
  const tempoSection = new TempoSection({ api, dates, onMovement: (show) => { movementFit = show; setLayer('movement', show); } });
  tempoSection.setMovementShown(has(state, 'movement'));
  const salientsSection = new SalientsSection({ api, onFly: flyToBox });
  salientsSection.setEnabled(has(state, 'salients'));
  const claimsSection = new ClaimsSection(api);
  claimsSection.setEnabled(has(state, 'claims'));
  const regionPanel = page.embed ? null : new RegionPanel({
    api, regions, dates, sections: [tempoSection, salientsSection, claimsSection],
    onRegion: (region) => store.set({ panel: 'region', region }),
    onDate: (date) => store.set({ date: snapToVersion(dates, date) }),
    onPlace: (code) => selectPlace(code),
  });
  const comparePanel = page.embed ? null : new ComparePanel({
    api, regions, dates,
    // The changes read best over the map of the later date.
    onRun: (compare) => store.set({ compare, panel: 'compare', date: snapToVersion(dates, compare.to) }),
    onPlace: (code) => selectPlace(code),
  });
  const whatifPanel = page.embed ? null : new WhatifPanel({
    api,
    onRun: (line) => { whatifFit = true; store.set({ whatif: line, panel: 'whatif' }); },
    onDraw: async (ready) => {
      const line = await map.drawLine(ready);
      if (line) { whatifFit = true; store.set({ whatif: formatDrawnLine(line), panel: 'whatif' }); }
    },
    onFinishDrawing: () => map.finishDrawing(),
    onCancelDrawing: () => map.cancelDrawing(),
  });
  // The place panel's distance is drawn as a line from the place to the nearest Russian-held ground.
  const showDistance = (d: Distance | null) => map.setAnalysis('distance', d && !d.insideEnemyHeldGround && store.get().panel === 'place'
    ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { km: d.distanceKm }, geometry: { type: 'LineString', coordinates: [[d.place.lon, d.place.lat], [d.nearest.lon, d.nearest.lat]] } }] }
    : null);
  const placePanel = page.embed ? null : new PlacePanel(api, dates[0], nameOf, (date) => store.set({ date: snapToVersion(dates, date) }), showDistance);

  if (!page.embed) {
    slot('panel-slot').append(host.element);
    const search = new SearchBox(api, nameOf, (place) => {
      if (place.kind === 'region') {
        store.set({ panel: 'region', region: place.code });
        map.flyTo(place.bbox ? { bbox: place.bbox } : { lon: place.lon, lat: place.lat, zoom: 7 }, panelCover());
      } else {
        selectPlace(place.code, place);
        map.setPlaceMark({ lon: place.lon, lat: place.lat, label: place.name });
        map.flyTo({ lon: place.lon, lat: place.lat, zoom: 10 }, panelCover());
      }
    });
    slot('search-slot').append(search.element);
    map.onClick({
      region: (hit) => store.set({ panel: 'region', region: hit.code }),
      place: (code) => selectPlace(code),
      item: showItem,
    });
    slot('open-regions').addEventListener('click', () => store.set({ panel: 'region', region: store.get().region ?? 'UA' }));
    slot('open-whatif').addEventListener('click', () => store.set({ panel: 'whatif' }));
    slot('open-compare').addEventListener('click', () => {
      const { date, compare } = store.get();
      comparePanel!.setInputs(compare ?? { from: snapToVersion(dates, addDays(date!, -7)), to: date! });
      store.set({ panel: 'compare' });
    });
    slot('export-png').addEventListener('click', async () => {
      const canvas = composeExport(await map.snapshot(), exportInfo());
      downloadCanvas(canvas, `frontline-${store.get().compare ? `${store.get().compare!.from}_${store.get().compare!.to}` : store.get().date}.png`);
    });
    slot('copy-link').addEventListener('click', async () => {
      const button = slot('copy-link');
      try {
        await navigator.clipboard.writeText(location.href);
        button.textContent = 'Link copied';
      } catch {
        button.textContent = 'Copy the address bar';
      }
      setTimeout(() => { button.textContent = 'Copy link'; }, 2000);
    });
  }

  /** Opens the panel the state names, and loads its content for the state's date. */
  const syncPanel = (s: ViewerState) => {
    if (page.embed) return;
    const closePanel = () => store.set(s.panel === 'compare' ? { panel: null, compare: null } : s.panel === 'whatif' ? { panel: null, whatif: null } : { panel: null });
    if (s.panel !== 'whatif') map.cancelDrawing();
    if (s.panel === 'region' && s.region && regionPanel) {
      if (host.openPanel !== 'region') host.open('region', regionPanel.regionName(s.region), regionPanel.element, closePanel, true);
      host.setTitle(regionPanel.regionName(s.region));
      map.setSelectedRegion(s.region, regionPanel.regionLevel(s.region));
      void regionPanel.update(s.region, s.date!);
      return;
    }
    map.setSelectedRegion(null, null);
    if (s.panel === 'compare' && comparePanel) {
      if (host.openPanel !== 'compare') host.open('compare', 'Compare two dates', comparePanel.element, closePanel, true);
      if (s.compare) void comparePanel.show(s.compare);
    } else if (s.panel === 'whatif' && whatifPanel) {
      if (host.openPanel !== 'whatif') host.open('whatif', 'What if the front moved to a line?', whatifPanel.element, closePanel, true);
      void whatifPanel.show(s.whatif, s.date!);
    } else if (s.panel === 'place' && s.place && placePanel) {
      if (host.openPanel !== 'place') host.open('place', lastPlace?.code === s.place ? lastPlace.name : 'Place', placePanel.element, closePanel, true);
      void placePanel.show(s.place, s.date!, lastPlace?.code === s.place ? lastPlace : undefined).then((history) => {
        if (history && store.get().place === s.place) host.setTitle(history.name);
        // Restored from a permalink: find the pin's position by the settlement's name.
        if (history && !lastPlace && store.get().place === s.place) void pinByName(history.name, s.place!);
      });
    } else {
      host.close();
    }
    if (s.panel !== 'place') {
      map.setPlaceMark(null);
      map.setAnalysis('distance', null);
    }
  };

  const pinByName = async (name: string, code: string) => {
    const found = (await api.places(name).catch(() => [])).find((p) => p.code === code);
    if (found) {
      lastPlace = found;
      map.setPlaceMark({ lon: found.lon, lat: found.lat, label: found.name });
    }
  };

  // ---- analysis layers: each follows the date (and the region), answers for a stale state are dropped ----
  /** Set when the user asks for the movement or runs a what-if: the map then fits to it (not on a permalink). */
  let movementFit = false;
  let whatifFit = false;
  /** True while the map shows a what-if line (a line that could not be joined shows nothing). */
  let whatifDrawn = false;
  const setWhatifDrawn = (drawn: boolean) => {
    whatifDrawn = drawn;
    renderLegend(store.get());
  };
  const showError = (what: string) => (e: unknown) => {
    if (!(e instanceof ApiError && e.status === 400)) banner.show(`Could not draw ${what}: ${e instanceof Error ? e.message : String(e)}`);
  };
  const salientsRegion = (s: ViewerState) => s.region ?? 'UA';

  const syncFront = async (s: ViewerState) => {
    if (!has(s, 'front')) return map.setAnalysis('front', null);
    const fc = await api.frontlineGeoJSON(s.date!).catch(showError('the front line'));
    // On a failure the map drops the previous date's line rather than show it under this date.
    if (has(store.get(), 'front') && store.get().date === s.date) map.setAnalysis('front', fc ?? null);
  };
  const syncSalients = async (s: ViewerState) => {
    salientsSection.setEnabled(has(s, 'salients'));
    if (!has(s, 'salients')) return map.setAnalysis('salients', null);
    const region = salientsRegion(s);
    const fc = await api.salientsGeoJSON(s.date!, region).catch(showError('the salients'));
    const now = store.get();
    if (has(now, 'salients') && now.date === s.date && salientsRegion(now) === region) map.setAnalysis('salients', fc ?? null);
  };
  const syncMovement = async (s: ViewerState) => {
    tempoSection.setMovementShown(has(s, 'movement'));
    const week = weekEndingOn(dates, s.date!);
    if (!has(s, 'movement') || !week) return map.setAnalysis('movement', null);
    const region = s.region ?? 'UA';
    const fit = movementFit;
    movementFit = false;
    const fc = await api.tempoGeoJSON(week.from, week.to, region).catch(showError('the movement'));
    const now = store.get();
    if (!has(now, 'movement') || now.date !== s.date || (now.region ?? 'UA') !== region) return;
    if (!fc) return map.setAnalysis('movement', null);
    const movement = largestMovement(fc);
    map.setAnalysis('movement', movement.data);
    if (fit && movement.focus) flyToBox(movement.focus);
  };
  const syncWhatif = async (s: ViewerState) => {
    const fit = whatifFit;
    whatifFit = false;
    if (!s.whatif) {
      setWhatifDrawn(false);
      return map.setAnalysis('whatif', null);
    }
    const fc = await api.whatifGeoJSON(s.date!, whatifLineParam(s.whatif)).catch(showError('the what-if line'));
    const now = store.get();
    if (now.whatif !== s.whatif || now.date !== s.date) return;
    // A line that cannot be joined: the panel shows why, and the map keeps no older line.
    setWhatifDrawn(!!fc);
    if (!fc) return map.setAnalysis('whatif', null);
    map.setAnalysis('whatif', fc);
    const box = bboxOf(fc.features);
    if (fit && box) flyToBox(box);
  };
  const renderLegend = (s: ViewerState) => legend.render(legendContent(s));
  const syncEvents = async (s: ViewerState) => {
    const current = () => has(store.get(), 'events') === has(s, 'events') && store.get().date === s.date;
    const drawn = await eventsLayer.show(has(s, 'events') ? s.date : null, current).catch((e: unknown) => {
      // On a failure the map drops the previous week's items rather than show them under this date.
      if (current()) eventsLayer.clear();
      showError('the events')(e);
      return false;
    });
    if (drawn) renderLegend(store.get());
  };
  const syncUnits = async (s: ViewerState) => {
    const current = () => has(store.get(), 'units') === has(s, 'units') && store.get().date === s.date;
    const drawn = await unitsLayer.show(has(s, 'units') ? s.date : null, current).catch((e: unknown) => {
      if (current()) unitsLayer.clear();
      showError('the unit positions')(e);
      return false;
    });
    if (drawn) renderLegend(store.get());
  };
  const syncClaims = async (s: ViewerState) => {
    claimsSection.setEnabled(has(s, 'claims'));
    const current = () => has(store.get(), 'claims') === has(s, 'claims') && store.get().date === s.date;
    const drawn = await claimsLayer.show(has(s, 'claims') ? s.date : null, current).catch((e: unknown) => {
      if (current()) void claimsLayer.show(null, () => true);
      showError('the claims')(e);
      return false;
    });
    if (drawn) renderLegend(store.get());
  };

  const syncCompare = async (s: ViewerState) => {
    if (!s.compare) {
      comparePanel?.reset();
      map.setDiff(null);
      return;
    }
    const range = s.compare;
    try {
      const geojson = await api.diffGeoJSON(range.from, range.to);
      if (store.get().compare === range) map.setDiff(geojson);
    } catch (e) {
      banner.show(`Could not compare ${range.from} and ${range.to}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // ---- state → URL, map and panels ----
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((s, prev) => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => history.replaceState(null, '', writeState(store.get(), page)), 150);
    if (s.date !== prev.date) {
      map.setDate(s.date!);
      timeline.show(s.date!);
      changelogNote.show(s.date!);
      // The item a popup shows may not be on the map of the new date.
      map.closePopup();
    }
    if (s.compare !== prev.compare) void syncCompare(s);
    const layersChanged = (layer: LayerName) => has(s, layer) !== has(prev, layer);
    if (layersChanged('front') || (has(s, 'front') && s.date !== prev.date)) void syncFront(s);
    if (layersChanged('salients') || (has(s, 'salients') && (s.date !== prev.date || salientsRegion(s) !== salientsRegion(prev)))) void syncSalients(s);
    if (layersChanged('movement') || (has(s, 'movement') && (s.date !== prev.date || s.region !== prev.region))) void syncMovement(s);
    if (s.whatif !== prev.whatif || (s.whatif && s.date !== prev.date)) void syncWhatif(s);
    if (layersChanged('events') || (has(s, 'events') && s.date !== prev.date)) void syncEvents(s);
    if (layersChanged('units') || (has(s, 'units') && s.date !== prev.date)) void syncUnits(s);
    if (layersChanged('claims') || (has(s, 'claims') && s.date !== prev.date)) void syncClaims(s);
    if (layersChanged('events') || layersChanged('units') || layersChanged('claims')) map.closePopup();
    if (s.layers !== prev.layers) layerMenu.show(s.layers);
    if (s.compare !== prev.compare || s.layers !== prev.layers) renderLegend(s);
    if (s.panel !== prev.panel || s.region !== prev.region || s.place !== prev.place || s.date !== prev.date || s.compare !== prev.compare || s.whatif !== prev.whatif) syncPanel(s);
  });

  if (state.compare) void syncCompare(state);
  renderLegend(state);
  if (has(state, 'front')) void syncFront(state);
  if (has(state, 'salients')) void syncSalients(state);
  if (has(state, 'movement')) void syncMovement(state);
  if (state.whatif) void syncWhatif(state);
  if (has(state, 'events')) void syncEvents(state);
  if (has(state, 'units')) void syncUnits(state);
  if (has(state, 'claims')) void syncClaims(state);
  syncPanel(state);
  history.replaceState(null, '', writeState(store.get(), page));

  await map.ready;
  slot('boot').remove();
  window.__frontline.firstRenderMs = performance.now() - started;
  window.__frontline.firstRenderAtMs = performance.now(); // since navigation start
  await map.labelled;
  window.__frontline.readyAtMs = performance.now();
  document.documentElement.dataset.ready = '1';
  markReady();
}

async function retryBoot() {
  slot('boot').textContent = 'Loading Frontline…';
  await boot();
}

void boot();
