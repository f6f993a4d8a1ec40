/**
 * The map adapter: the only module that talks to MapLibre. The rest of the viewer speaks in dates,
 * region codes and lon/lat, so MapLibre can be upgraded (or replaced) here alone.
 */
import { AttributionControl, Map as MapLibreMap, Marker, NavigationControl, Popup, prewarm, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import type { GeoJSONSource, MapGeoJSONFeature, VectorTileSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre v6 is ESM-only and finds its worker through import.meta.url, which a bundler rewrites:
// hand it the worker file Vite emits, or the map never loads.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import type { MapView } from '../state';
import type { TerraDraw } from 'terra-draw';
import { hatchPattern } from './hatch';
import { CLAIM_COLOR } from '../items';
import {
  ANALYSIS_SOURCES, CLAIM_HATCH_IMAGE, controlTilesUrl, ITEM_LAYERS, frontlineLayers, frontlineSources, labelsAfterFirstFrame, LAYER, offlineStyle, PLACE_LAYERS, RAION_CLICK_ZOOM, SOURCE, UKRAINE_BOUNDS,
  type AnalysisSource,
} from './style';

setWorkerUrl(workerUrl);
// The worker loads and compiles its 0.5 MB script while the page fetches the archive's dates,
// instead of after the map is made (it arrived ~0.5 s into a load instead of ~1.2 s).
prewarm();

export const ATTRIBUTION = "Map data © DeepState; boundaries OCHA, Who's On First; roads © OpenStreetMap contributors";

export interface MapOptions {
  container: HTMLElement;
  /** Where /tiles is served; tile URLs must be absolute because the worker resolves them. */
  origin: string;
  date: string;
  view: MapView | null;
  /** An online MapLibre style drawn under our layers; null for the offline basemap. */
  basemap: string | null;
}

export interface RegionHit { code: string; name: string; level: 'oblast' | 'raion' }
/** A click on a published item: its source, its `ref` there, and where the click was. */
export interface ItemHit { source: 'events' | 'arrows' | 'claims' | 'units'; ref: number; lon: number; lat: number }
export interface PlaceMark { lon: number; lat: number; label: string }
export type { AnalysisSource } from './style';

/** The longest a date step holds the map's frames while its tiles load. */
const HOLD_STEP_MS = 600;

export class FrontlineMap {
  private readonly map: MapLibreMap;
  private marker: Marker | null = null;
  private date: string;
  /** Style calls made before the style has loaded wait here (MapLibre throws otherwise). */
  private styleQueue: (() => void)[] | null = [];
  /** The line tool (terra-draw, loaded on first use); map clicks do not select regions while it draws. */
  private draw: TerraDraw | null = null;
  private drawing = false;
  /** The selected region as last set (`level:code`), so an unchanged selection is not set again. */
  private selection = 'null:null';
  /** Analysis sources known to be empty (they start empty). */
  private readonly emptySources = new Set<string>(ANALYSIS_SOURCES);
  /** Resolves at the first `idle`: the style and the tiles in view drawn, place names held back. */
  readonly ready: Promise<void>;
  /** Resolves once the place names are drawn too (the `idle` after they are shown). */
  readonly labelled: Promise<void>;

  constructor(private readonly options: MapOptions) {
    this.date = options.date;
    const view = options.view;
    const start = options.basemap ? { style: options.basemap, heldLayers: [] } : labelsAfterFirstFrame(offlineStyle(options.origin, options.date));
    this.map = new MapLibreMap({
      container: options.container,
      style: start.style,
      ...(view ? { center: [view.lon, view.lat], zoom: view.zoom } : { bounds: UKRAINE_BOUNDS }),
      maxBounds: [[10, 38], [55, 58]],
      minZoom: 3.5,
      attributionControl: false,
      // Keyboard panning stays on; our own shortcuts skip events aimed at the map canvas.
      keyboard: true,
      // Labels re-place whenever tiles change; with a fade MapLibre keeps drawing for 300 ms
      // after every timeline step (each frame a full redraw) before the map is idle.
      fadeDuration: 0,
    });
    this.map.addControl(new AttributionControl({ compact: false, customAttribution: ATTRIBUTION }), 'bottom-right');
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.map.getCanvas().setAttribute('aria-label', 'Map of territorial control in Ukraine');
    this.map.once('load', () => {
      if (options.basemap) this.addFrontlineLayers();
      const queued = this.styleQueue ?? [];
      this.styleQueue = null;
      for (const call of queued) call();
    });
    // The claims' hatch is made here, not fetched: the style has no sprite (offline).
    this.map.on('styleimagemissing', (e) => {
      if (e.id === CLAIM_HATCH_IMAGE && !this.map.hasImage(CLAIM_HATCH_IMAGE)) this.map.addImage(CLAIM_HATCH_IMAGE, hatchPattern(10, CLAIM_COLOR, 2, 0.7));
    });
    this.ready = new Promise((resolve) => this.map.once('idle', () => resolve()));
    this.labelled = this.ready.then(() => this.show(start.heldLayers));
  }

  /** Shows hidden layers; resolves when they are drawn. */
  private show(layers: string[]): Promise<void> {
    const hidden = layers.filter((id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') === 'none');
    if (hidden.length === 0) return Promise.resolve();
    const drawn = this.nextIdle();
    for (const id of hidden) this.map.setLayoutProperty(id, 'visibility', 'visible');
    return drawn;
  }

  private popup: Popup | null = null;

  /** Shows `content` in a popup at a point (one at a time); `onClose` runs when the user closes it. */
  showPopup(at: { lon: number; lat: number }, content: HTMLElement): void {
    this.closePopup();
    this.popup = new Popup({ maxWidth: '320px', focusAfterOpen: true }).setLngLat([at.lon, at.lat]).setDOMContent(content).addTo(this.map);
  }

  closePopup(): void {
    this.popup?.remove();
    this.popup = null;
  }

  /** With an online basemap, our sources and layers go on top of its style. */
  private addFrontlineLayers() {
    for (const [id, source] of Object.entries(frontlineSources(this.options.origin, this.date))) this.map.addSource(id, source);
    for (const layer of frontlineLayers(false)) this.map.addLayer(layer);
  }

  /** Runs a style change now, or once the style has loaded. */
  private withStyle(call: () => void) {
    if (this.styleQueue) this.styleQueue.push(call);
    else call();
  }

  /** Switches the control tiles to another date without reloading the style or the basemap. */
  setDate(date: string): void {
    if (date === this.date) return;
    this.date = date;
    this.withStyle(() => {
      this.holdRepaintsUntil(() => this.map.isSourceLoaded(SOURCE.control), HOLD_STEP_MS);
      this.map.getSource<VectorTileSource>(SOURCE.control)?.setTiles([controlTilesUrl(this.options.origin, this.date)]);
    });
  }

  private releaseRepaints: (() => void) | null = null;

  /**
   * Keeps the map from drawing until `ready()` holds after a data event, or `maxMs` have passed.
   * Setting a source's tiles makes MapLibre draw the old tiles again at once; without a GPU that
   * frame costs ~200 ms, while the new tiles, already parsed, wait for the main thread. Measured on
   * a busy 2-core machine: a timeline step 596 → 166 ms (median of 12). Holding the frames at
   * start-up, until all first tiles are in, measured no better and was left out.
   */
  private holdRepaintsUntil(ready: () => boolean, maxMs: number) {
    this.releaseRepaints?.();
    const map = this.map;
    const repaint = map.triggerRepaint;
    let asked = false;
    map.triggerRepaint = () => { asked = true; };
    const release = () => {
      if (this.releaseRepaints !== release) return;
      this.releaseRepaints = null;
      map.triggerRepaint = repaint;
      map.off('data', onData);
      clearTimeout(timer);
      if (asked) map.triggerRepaint();
    };
    const onData = () => { if (ready()) release(); };
    const timer = setTimeout(release, maxMs);
    this.releaseRepaints = release;
    // The reload starts with this call's own data event, when the old tiles still count as loaded.
    setTimeout(() => map.on('data', onData), 0);
  }

  /** Shows the ground that changed hands (features with `side`), or clears it with null. */
  setDiff(data: FeatureCollection | null): void {
    this.withStyle(() => this.applyDiff(data));
  }

  private applyDiff(data: FeatureCollection | null) {
    this.map.getSource<GeoJSONSource>(SOURCE.diff)?.setData(data ?? { type: 'FeatureCollection', features: [] });
    this.showLayersOf(SOURCE.diff, data !== null);
    // Keep the control map faintly visible under the changes so they read in context.
    this.map.setPaintProperty(LAYER.controlFill, 'fill-opacity', data ? 0.2 : 0.5);
  }

  /** Fills one of the analysis sources (front line, movement, salients, what-if) or empties it with null. */
  setAnalysis(source: AnalysisSource, data: FeatureCollection | null): void {
    // Emptying an empty source still costs the worker a pass over its tiles: skip it.
    if (data === null && this.emptySources.has(source)) return;
    if (data === null) this.emptySources.add(source);
    else this.emptySources.delete(source);
    this.withStyle(() => {
      this.map.getSource<GeoJSONSource>(source)?.setData(data ?? { type: 'FeatureCollection', features: [] });
      this.showLayersOf(source, data !== null);
    });
  }

  /** The layers of a GeoJSON source are hidden while it is empty (style.ts, `hiddenWhileEmpty`). */
  private showLayersOf(source: string, visible: boolean) {
    const value = visible ? 'visible' : 'none';
    for (const layer of frontlineLayers(true)) {
      if ('source' in layer && layer.source === source && this.map.getLayer(layer.id) && this.map.getLayoutProperty(layer.id, 'visibility') !== value) {
        this.map.setLayoutProperty(layer.id, 'visibility', value);
      }
    }
  }

  /**
   * Lets the user draw a line (terra-draw's linestring mode): a click adds a point; a click on the
   * last point, Enter or `finishDrawing()` ends it. Resolves with the points, or null if cancelled.
   * terra-draw is loaded on first use, so the viewer does not pay for it up front; `onReady` runs
   * once clicks on the map add points.
   */
  async drawLine(onReady: () => void = () => undefined): Promise<[number, number][] | null> {
    this.cancelDrawing();
    // From now on map clicks belong to the line tool, even while terra-draw is still loading.
    const request = ++this.drawRequest;
    this.drawing = true;
    let modules;
    try {
      modules = await Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]);
      await new Promise<void>((resolve) => this.withStyle(resolve));
    } catch (e) {
      if (request === this.drawRequest) this.drawing = false;
      throw e;
    }
    if (request !== this.drawRequest) return null; // cancelled (or restarted) while loading
    const [{ TerraDraw, TerraDrawLineStringMode }, { TerraDrawMapLibreGLAdapter }] = modules;
    if (!this.draw) {
      this.draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
        modes: [new TerraDrawLineStringMode({
          keyEvents: { cancel: 'Escape', finish: 'Enter' },
          styles: { lineStringColor: '#0b3d91', lineStringWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: '#0b3d91', closingPointWidth: 6, closingPointOutlineWidth: 2 },
        })],
      });
    }
    const draw = this.draw;
    draw.start();
    draw.setMode('linestring');
    this.map.getCanvas().focus();
    onReady();
    return new Promise((resolve) => {
      const finish = (id: string | number, context: { action: string }) => {
        if (context.action !== 'draw') return;
        const feature = draw.getSnapshotFeature(id);
        done(feature?.geometry.type === 'LineString' ? (feature.geometry.coordinates as [number, number][]) : null);
      };
      const done = (line: [number, number][] | null) => {
        draw.off('finish', finish);
        this.stopDrawing = null;
        this.drawing = false;
        draw.clear();
        draw.stop();
        resolve(line && line.length >= 2 ? line.map(([lon, lat]) => [lon, lat]) : null);
      };
      draw.on('finish', finish);
      this.stopDrawing = () => done(null);
    });
  }

  private stopDrawing: (() => void) | null = null;
  /** Bumped by every drawLine and cancelDrawing, so a cancel during terra-draw's loading is not lost. */
  private drawRequest = 0;

  /** Ends the line being drawn as if the user pressed Enter (terra-draw's own finish key). */
  finishDrawing(): void {
    if (!this.drawing) return;
    this.map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }));
  }

  cancelDrawing(): void {
    if (this.stopDrawing) this.stopDrawing();
    else if (this.drawing) {
      this.drawRequest++;
      this.drawing = false;
    }
  }

  get isDrawing(): boolean { return this.drawing; }

  setSelectedRegion(code: string | null, level: string | null): void {
    // A new filter makes MapLibre lay out every loaded tile of the reference source again
    // (~0.5 s of its worker on a timeline step): only set it when the selection changes.
    const selection = `${level}:${code}`;
    if (selection === this.selection) return;
    this.selection = selection;
    this.withStyle(() => this.applySelectedRegion(code, level));
  }

  private applySelectedRegion(code: string | null, level: string | null) {
    this.map.setFilter(LAYER.selectedOblast, ['==', ['get', 'code'], level === 'oblast' ? code ?? '' : '']);
    this.map.setFilter(LAYER.selectedRaion, ['==', ['get', 'code'], level === 'raion' ? code ?? '' : '']);
  }

  /** A pin for the search result; null removes it. */
  setPlaceMark(mark: PlaceMark | null): void {
    this.marker?.remove();
    this.marker = null;
    if (!mark) return;
    this.marker = new Marker({ color: '#0b3d91' }).setLngLat([mark.lon, mark.lat]).addTo(this.map);
    this.marker.getElement().setAttribute('aria-label', mark.label);
    this.marker.getElement().setAttribute('title', mark.label);
  }

  /**
   * Flies to a place or a box. `coveredRight` is the width of the side panel over the map, and
   * `coveredLeft` that of the legend (boxes only, which fill the view): the
   * target lands in the middle of the part still visible.
   */
  flyTo(target: { lon: number; lat: number; zoom?: number } | { bbox: [number, number, number, number] }, coveredRight = 0, coveredLeft = 0): void {
    const duration = reducedMotion() ? 0 : 1500;
    if ('bbox' in target) {
      const [w, s, e, n] = target.bbox;
      this.map.fitBounds([[w, s], [e, n]], { padding: { top: 40, bottom: 40, left: 40 + coveredLeft, right: 40 + coveredRight }, maxZoom: 10, duration });
    } else {
      this.map.flyTo({ center: [target.lon, target.lat], zoom: target.zoom ?? Math.max(this.map.getZoom(), 10), offset: [-coveredRight / 2, 0], duration });
    }
  }

  getView(): MapView {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  onViewChange(listener: (view: MapView) => void): void {
    this.map.on('moveend', () => listener(this.getView()));
  }

  /**
   * Clicks on an event or an arrow give the item; on a settlement dot its code; on a claim the claim;
   * elsewhere the oblast (or, zoomed in, the raion). Items come first: they sit on top of places.
   * A handler left out makes its features inert (embed mode opens only items).
   */
  onClick(handlers: { region?: (hit: RegionHit) => void; place?: (code: string) => void; item?: (hit: ItemHit) => void }): void {
    const regionLayers = () => (this.map.getZoom() >= RAION_CLICK_ZOOM ? [LAYER.raionHit, LAYER.oblastHit] : [LAYER.oblastHit]);
    const itemAt = (point: { x: number; y: number }, sources: ItemHit['source'][], lngLat: { lng: number; lat: number }): ItemHit | null => {
      for (const { source, layers } of ITEM_LAYERS) {
        if (!sources.includes(source) || this.emptySources.has(source)) continue;
        const f = this.map.queryRenderedFeatures([[point.x - 4, point.y - 4], [point.x + 4, point.y + 4]], { layers })[0];
        if (f && typeof f.properties.ref === 'number') return { source, ref: f.properties.ref, lon: lngLat.lng, lat: lngLat.lat };
      }
      return null;
    };
    this.map.on('click', (e) => {
      if (this.drawing) return;
      const item = handlers.item ? itemAt(e.point, ['events', 'units', 'arrows'], e.lngLat) : null;
      if (item) return handlers.item!(item);
      const place = handlers.place ? this.map.queryRenderedFeatures(e.point, { layers: PLACE_LAYERS.filter((l) => this.map.getLayer(l)) })[0] : undefined;
      if (place?.properties.code) return handlers.place!(String(place.properties.code));
      const claim = handlers.item ? itemAt(e.point, ['claims'], e.lngLat) : null;
      if (claim) return handlers.item!(claim);
      if (!handlers.region) return;
      const hits = this.map.queryRenderedFeatures(e.point, { layers: regionLayers() });
      const hit = hits.find((f) => f.layer.id === LAYER.raionHit) ?? hits[0];
      if (hit) handlers.region(regionHit(hit));
    });
    this.map.on('mousemove', (e) => {
      const items = handlers.item ? ITEM_LAYERS.filter((i) => !this.emptySources.has(i.source)).flatMap((i) => i.layers) : [];
      const layers = [...(handlers.region ? regionLayers() : []), ...(handlers.place ? PLACE_LAYERS : []), ...items];
      const hit = layers.length > 0 && this.map.queryRenderedFeatures(e.point, { layers }).length > 0;
      this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
  }

  /** Tile and source failures (e.g. the server is down) as plain messages. */
  onError(listener: (message: string) => void): void {
    this.map.on('error', (e) => listener(e.error?.message ?? 'map error'));
  }

  /** True while tiles are loading: drives the "Loading map…" indicator. */
  onBusy(listener: (busy: boolean) => void): void {
    this.map.on('dataloading', () => listener(true));
    this.map.on('idle', () => listener(false));
  }

  /** Resolves now if everything is drawn, else at the next `idle`. */
  whenIdle(): Promise<void> {
    if (this.map.loaded() && !this.map.isMoving()) return Promise.resolve();
    return this.nextIdle();
  }

  /** The next `idle` (everything requested is drawn); call before the change you want to wait for. */
  nextIdle(): Promise<void> {
    return new Promise((resolve) => this.map.once('idle', () => resolve()));
  }

  /**
   * A copy of the map as drawn now. The WebGL buffer is only readable while the frame is being
   * rendered (no preserveDrawingBuffer, which costs every frame), so the copy is taken inside a
   * `render` event of a repaint we ask for.
   */
  snapshot(): Promise<HTMLCanvasElement> {
    return new Promise((resolve) => {
      this.map.once('render', () => {
        const source = this.map.getCanvas();
        const copy = document.createElement('canvas');
        copy.width = source.width;
        copy.height = source.height;
        copy.getContext('2d')!.drawImage(source, 0, 0);
        resolve(copy);
      });
      this.map.triggerRepaint();
    });
  }

  resize(): void { this.map.resize(); }

  /** For tests and debugging only (window.__frontline.map). */
  get raw(): MapLibreMap { return this.map; }

  /** The control features of the rendered tiles: lets a test see that the date really changed the map. */
  controlSummary(): { features: number; geometrySize: number; byStatus: Record<string, number> } {
    const byStatus: Record<string, number> = {};
    let geometrySize = 0;
    const features = this.map.querySourceFeatures(SOURCE.control, { sourceLayer: 'control' });
    for (const f of features) {
      const status = String(f.properties.status);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      geometrySize += JSON.stringify(f.geometry).length;
    }
    return { features: features.length, geometrySize, byStatus };
  }
}

function regionHit(f: MapGeoJSONFeature): RegionHit {
  return { code: String(f.properties.code), name: String(f.properties.name ?? f.properties.code), level: f.layer.id === LAYER.raionHit ? 'raion' : 'oblast' };
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
