/**
 * The editor's map adapter: the only module of the editor that touches MapLibre and terra-draw.
 * It draws the viewer's style (map/style.ts) for the draft's base date, the ground the draft
 * changes hands (the viewer's diff layers and colours), the outlines of the draft's changes and
 * its events and attack arrows (with the viewer's arrowheads), and lets the user draw an area or a
 * line (with snapping and vertex editing), load a saved area or arrow for vertex editing, or pick a point.
 */
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import type { ExpressionSpecification, GeoJSONSource, LngLatBoundsLike, VectorTileSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { ARROW_COLORS } from '../items';
import { ATTRIBUTION } from '../map/adapter';
import { withArrowheads } from '../map/arrowheads';
import { controlTilesUrl, LAYER, offlineStyle, SOURCE, UKRAINE_BOUNDS } from '../map/style';
import { STATUS_COLORS } from '../statuses';
import { BORDER_LAYERS, boundarySegments, snapPoint, uniqueSegments, type LonLat, type Segment } from './snapping';

setWorkerUrl(workerUrl);

const DRAFT = { changes: 'draft-changes', events: 'draft-events', arrows: 'draft-arrows' } as const;
const DRAW_COLOR = '#0b3d91';
/** terra-draw refuses coordinates with more decimals than this (its default); 1e-9° is 0.1 mm. */
const PRECISION = 1e9;
const SNAP_TOLERANCE_PX = 12;
const CHANGE_COLOR: ExpressionSpecification = ['match', ['get', 'status'], 'occupied', STATUS_COLORS.occupied, 'contested', '#555555', 'ukraine', '#1565d8', '#000000'];
const ARROW_COLOR: ExpressionSpecification = ['match', ['get', 'side'], 'russia', ARROW_COLORS.russia, 'ukraine', ARROW_COLORS.ukraine, ARROW_COLORS.unknown];
/** The layers of the draft's items a click selects, topmost first. */
const CLICKABLE = ['draft-arrow-head', 'draft-arrow-line', 'draft-change-fill'] as const;
/** A shape drawn or loaded for editing: what terra-draw calls its mode. */
type Shape = 'polygon' | 'linestring';
const round = (v: number) => Math.round(v * PRECISION) / PRECISION;

export type BBox = [number, number, number, number];

export class EditorMap {
  private readonly map: MapLibreMap;
  private date: string;
  private draw: TerraDraw | null = null;
  private drawnId: string | number | null = null;
  private pickHandler: ((p: LonLat) => void) | null = null;
  /** Boundaries to snap to: the control areas of the view (fetched by the caller); the borders and the draft's areas are added in snapSegments(). */
  private controlSegments: Segment[] = [];
  snapping = true;
  readonly ready: Promise<void>;

  constructor(container: HTMLElement, private readonly origin: string, date: string) {
    this.date = date;
    this.map = new MapLibreMap({
      container, style: offlineStyle(origin, date), bounds: UKRAINE_BOUNDS, maxBounds: [[10, 38], [55, 58]], minZoom: 3.5, attributionControl: false,
    });
    this.map.addControl(new AttributionControl({ compact: window.innerWidth <= 700, customAttribution: ATTRIBUTION }), 'bottom-right');
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.map.getCanvas().setAttribute('aria-label', 'Map of the draft: the base version, the draft\'s changes and events');
    const loaded = new Promise<void>((resolve) => this.map.once('load', () => resolve()));
    this.ready = loaded.then(() => {
      this.addDraftLayers();
      return new Promise<void>((resolve) => this.map.once('idle', () => resolve()));
    });
    this.map.on('click', (e) => {
      const handler = this.pickHandler;
      if (!handler) { this.clickItem(e.point); return; }
      this.pickHandler = null;
      this.map.getCanvas().style.cursor = '';
      handler([e.lngLat.lng, e.lngLat.lat]);
    });
  }

  private addDraftLayers() {
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    this.map.addSource(DRAFT.changes, { type: 'geojson', data: empty });
    this.map.addSource(DRAFT.events, { type: 'geojson', data: empty });
    this.map.addSource(DRAFT.arrows, { type: 'geojson', data: empty });
    // Nearly transparent: there to be clicked (a change is picked inside its area, not only on its outline).
    this.map.addLayer({ id: 'draft-change-fill', type: 'fill', source: DRAFT.changes, paint: { 'fill-color': '#000000', 'fill-opacity': 0.01 } });
    const kindIs = (k: string): ExpressionSpecification => ['==', ['get', 'kind'], k];
    this.map.addLayer({ id: 'draft-arrow-casing', type: 'line', source: DRAFT.arrows, filter: kindIs('arrow'), layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.8 } });
    this.map.addLayer({ id: 'draft-arrow-line', type: 'line', source: DRAFT.arrows, filter: kindIs('arrow'), layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': ARROW_COLOR, 'line-width': 4 } });
    this.map.addLayer({ id: 'draft-arrow-head', type: 'fill', source: DRAFT.arrows, filter: kindIs('head'), paint: { 'fill-color': ARROW_COLOR, 'fill-outline-color': '#ffffff' } });
    this.map.addLayer({ id: 'draft-change-line', type: 'line', source: DRAFT.changes, paint: { 'line-color': CHANGE_COLOR, 'line-width': 2, 'line-dasharray': [2, 1.5] } });
    this.map.addLayer({ id: 'draft-event', type: 'circle', source: DRAFT.events, paint: { 'circle-radius': 6, 'circle-color': '#ffbf47', 'circle-stroke-color': '#1d1d1d', 'circle-stroke-width': 1.5 } });
    this.map.addLayer({
      id: 'draft-event-label', type: 'symbol', source: DRAFT.events,
      layout: { 'text-field': ['get', 'label'], 'text-font': ['literal', ['Noto Sans Bold', 'Arial', 'DejaVu Sans']], 'text-size': 12, 'text-offset': [0, 1.2], 'text-anchor': 'top' },
      paint: { 'text-color': '#1d1d1d', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6 },
    });
  }

  private itemClickListener: ((id: number) => void) | null = null;

  /**
   * Calls `listener` with the id of a draft change or arrow clicked on the map (arrows first: they
   * lie on top), while nothing is being drawn or picked; null stops it. The pointer shows which.
   */
  onItemClick(listener: ((id: number) => void) | null): void {
    this.itemClickListener = listener;
    void this.ready.then(() => {
      for (const layer of CLICKABLE) {
        this.map.off('mouseenter', layer, this.pointer);
        this.map.off('mouseleave', layer, this.noPointer);
        if (listener) {
          this.map.on('mouseenter', layer, this.pointer);
          this.map.on('mouseleave', layer, this.noPointer);
        }
      }
    });
  }

  private readonly pointer = () => { if (!this.busyDrawing) this.map.getCanvas().style.cursor = 'pointer'; };
  private readonly noPointer = () => { if (!this.busyDrawing) this.map.getCanvas().style.cursor = ''; };
  private get busyDrawing(): boolean { return !!this.draw?.enabled || this.pickHandler !== null; }

  private clickItem(point: { x: number; y: number }): void {
    if (!this.itemClickListener || this.busyDrawing) return;
    const box: [[number, number], [number, number]] = [[point.x - 4, point.y - 4], [point.x + 4, point.y + 4]];
    const hit = this.map.queryRenderedFeatures(box, { layers: [...CLICKABLE] }).find((f) => typeof f.properties?.id === 'number');
    if (hit) this.itemClickListener(hit.properties.id as number);
  }

  /** Shows the control tiles of another date (the draft's base version). */
  setDate(date: string): void {
    if (date === this.date) return;
    this.date = date;
    void this.ready.then(() => this.map.getSource<VectorTileSource>(SOURCE.control)?.setTiles([controlTilesUrl(this.origin, date)]));
  }

  /** The ground the draft changes hands (`side` per feature, as /diff/geojson), or nothing. */
  setDiff(data: FeatureCollection | null): void {
    void this.ready.then(() => {
      this.map.getSource<GeoJSONSource>(SOURCE.diff)?.setData(data ?? { type: 'FeatureCollection', features: [] });
      this.map.setPaintProperty(LAYER.controlFill, 'fill-opacity', data && data.features.length ? 0.3 : 0.5);
    });
  }

  /** The outlines of the draft's changes (property `status`), its events (property `label`) and its arrows (property `side`, drawn with heads). */
  setDraftItems(changes: Feature[], events: Feature[], arrows: Feature<LineString>[] = []): void {
    void this.ready.then(() => {
      this.map.getSource<GeoJSONSource>(DRAFT.changes)?.setData({ type: 'FeatureCollection', features: changes });
      // A new area snaps onto the draft's other areas, so neighbouring changes share their edge.
      this.draftSegments = boundarySegments(changes);
      this.borderSegments = null;
      this.map.getSource<GeoJSONSource>(DRAFT.events)?.setData({ type: 'FeatureCollection', features: events });
      this.map.getSource<GeoJSONSource>(DRAFT.arrows)?.setData(withArrowheads({ type: 'FeatureCollection', features: arrows }, { lengthKm: 1.5 }));
    });
  }

  fitTo(bbox: BBox): void {
    this.map.fitBounds(bbox as LngLatBoundsLike, { padding: 60, maxZoom: 11, duration: 0 });
  }

  flyTo(lon: number, lat: number, zoom = 10): void {
    this.map.jumpTo({ center: [lon, lat], zoom });
  }

  /** The view as west,south,east,north, and its zoom: what the control snapping targets are fetched for. */
  view(): { bbox: BBox; zoom: number } {
    const b = this.map.getBounds();
    return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: this.map.getZoom() };
  }

  /** Calls `listener` after every pan or zoom; returns how to stop. */
  onViewChange(listener: () => void): () => void {
    this.map.on('moveend', listener);
    return () => { this.map.off('moveend', listener); };
  }
  onError(listener: (message: string) => void): void { this.map.on('error', (e) => listener(e.error?.message ?? 'map error')); }
  onBusy(listener: (busy: boolean) => void): void {
    this.map.on('dataloading', () => listener(true));
    this.map.on('idle', () => listener(false));
  }

  /** Where a lon/lat is on the page, in CSS pixels (for tests: clicking a place on the map). */
  pagePoint(lon: number, lat: number): { x: number; y: number } {
    const p = this.map.project([lon, lat]);
    const r = this.map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }

  whenIdle(): Promise<void> {
    if (this.map.loaded() && !this.map.isMoving()) return Promise.resolve();
    return new Promise((resolve) => this.map.once('idle', () => resolve()));
  }

  resize(): void { this.map.resize(); }

  /** The control areas of the view to snap to (the oblast and raion borders come from the map's own tiles). */
  setSnapFeatures(features: Feature[]): void { this.controlSegments = boundarySegments(features); this.borderSegments = null; }

  private draftSegments: Segment[] = [];
  /** Oblast and raion borders of the loaded tiles with the other targets, deduplicated; dropped when the map settles or the draft changes. */
  private borderSegments: Segment[] | null = null;

  private snapSegments(): Segment[] {
    if (!this.borderSegments) {
      if (!this.borderWatch) {
        // Not on 'idle': drawing re-renders the map at every pointer move. The view moving and tiles arriving change the borders.
        this.borderWatch = true;
        const drop = () => { this.borderSegments = null; };
        this.map.on('moveend', drop);
        this.map.on('sourcedata', (e) => { if (e.sourceId === SOURCE.reference) drop(); });
      }
      const borders = BORDER_LAYERS.map((sourceLayer) => boundarySegments(this.map.querySourceFeatures(SOURCE.reference, { sourceLayer }) as unknown as Feature[]));
      this.borderSegments = uniqueSegments(this.controlSegments, this.draftSegments, ...borders);
    }
    return this.borderSegments;
  }
  private borderWatch = false;

  private snap(lng: number, lat: number): [number, number] | undefined {
    if (!this.snapping) return undefined;
    const p = snapPoint([lng, lat], this.snapSegments(), {
      project: (x, y) => this.map.project([x, y]),
      unproject: (x, y) => { const ll = this.map.unproject([x, y]); return [ll.lng, ll.lat]; },
      tolerancePx: SNAP_TOLERANCE_PX,
    });
    return p ? [round(p[0]), round(p[1])] : undefined;
  }

  private terraDraw(): TerraDraw {
    if (this.draw) return this.draw;
    const toCustom = (event: { lng: number; lat: number }) => this.snap(event.lng, event.lat);
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [
        new TerraDrawPolygonMode({
          snapping: { toCustom },
          keyEvents: { cancel: 'Escape', finish: 'Enter' },
          styles: { fillColor: DRAW_COLOR, fillOpacity: 0.15, outlineColor: DRAW_COLOR, outlineWidth: 2, closingPointColor: '#ffffff', closingPointOutlineColor: DRAW_COLOR, snappingPointColor: '#ffbf47', snappingPointOutlineColor: DRAW_COLOR },
        }),
        // Arrows and cutting lines: not snapped (an arrow is a direction, and a cut should go where it is drawn).
        new TerraDrawLineStringMode({
          keyEvents: { cancel: 'Escape', finish: 'Enter' },
          styles: { lineStringColor: DRAW_COLOR, lineStringWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: DRAW_COLOR },
        }),
        // The feature itself is not draggable as a whole (a stray drag would move a front line by
        // kilometres); its vertices are, midpoints add one, and a right-click deletes one.
        new TerraDrawSelectMode({
          flags: {
            polygon: { feature: { coordinates: { draggable: true, midpoints: true, deletable: true, snappable: { toCustom } } } },
            linestring: { feature: { coordinates: { draggable: true, midpoints: true, deletable: true } } },
          },
          styles: { selectedPolygonColor: DRAW_COLOR, selectedPolygonFillOpacity: 0.15, selectedPolygonOutlineColor: DRAW_COLOR, selectedLineStringColor: DRAW_COLOR, selectedLineStringWidth: 3, selectionPointColor: '#ffffff', selectionPointOutlineColor: DRAW_COLOR, midPointColor: DRAW_COLOR },
        }),
      ],
    });
    return this.draw;
  }

  /**
   * Lets the user draw one polygon: a click adds a vertex (snapped to a boundary within 12 px when
   * snapping is on); clicking the first vertex or Enter closes it; Escape cancels. Resolves true once
   * it is closed — it then stays on the map with draggable vertices until `takeDrawn()` or
   * `cancelDrawing()` — or false if cancelled.
   */
  drawPolygon(): Promise<boolean> { return this.drawShape('polygon'); }

  /**
   * Lets the user draw a line (an attack arrow, from its start to where it aims, or a cut across an
   * area): a click adds a point, clicking the last point again or Enter ends it, Escape cancels. It
   * then stays editable like a polygon.
   */
  drawLine(): Promise<boolean> { return this.drawShape('linestring'); }

  private async drawShape(shape: Shape): Promise<boolean> {
    this.cancelDrawing();
    await this.ready;
    const draw = this.terraDraw();
    draw.start();
    draw.setMode(shape);
    this.map.getCanvas().focus();
    return new Promise((resolve) => {
      const onFinish = (id: string | number, context: { action: string; mode: string }) => {
        if (context.action !== 'draw' || context.mode !== shape) return;
        draw.off('finish', onFinish);
        this.stopPending = null;
        this.drawnId = id;
        // Keep it editable: the vertices can be dragged (and snapped) before it is saved.
        draw.setMode('select');
        draw.selectFeature(id);
        resolve(true);
      };
      draw.on('finish', onFinish);
      this.stopPending = () => { draw.off('finish', onFinish); resolve(false); };
    });
  }

  /**
   * Loads a saved area (one ring) or arrow into terra-draw, selected, with draggable vertices and
   * midpoints: `drawnPolygon()` / `drawnLine()` give it back as edited. False when terra-draw
   * cannot hold it (an area with holes or several parts: split or redraw those).
   */
  async editShape(geometry: Polygon | LineString): Promise<boolean> {
    this.cancelDrawing();
    await this.ready;
    if (geometry.type === 'Polygon' && geometry.coordinates.length !== 1) return false;
    const draw = this.terraDraw();
    draw.start();
    const id = crypto.randomUUID();
    const coordinates = geometry.type === 'Polygon'
      ? [geometry.coordinates[0].map(([x, y]) => [round(x), round(y)])]
      : geometry.coordinates.map(([x, y]) => [round(x), round(y)]);
    const mode: Shape = geometry.type === 'Polygon' ? 'polygon' : 'linestring';
    const [result] = draw.addFeatures([{ id, type: 'Feature', properties: { mode }, geometry: { type: geometry.type, coordinates } as never }]);
    if (!result?.valid) { draw.stop(); return false; }
    this.drawnId = id;
    draw.setMode('select');
    draw.selectFeature(id);
    return true;
  }

  private stopPending: (() => void) | null = null;

  get hasDrawn(): boolean { return this.drawnId !== null; }

  /** The polygon as it is now (after any vertex edits), or null. */
  drawnPolygon(): Polygon | null {
    if (this.drawnId === null || !this.draw) return null;
    const f = this.draw.getSnapshotFeature(this.drawnId);
    return f?.geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: f.geometry.coordinates as Polygon['coordinates'] } : null;
  }

  /** The line as it is now (after any vertex edits), or null. */
  drawnLine(): LineString | null {
    if (this.drawnId === null || !this.draw) return null;
    const f = this.draw.getSnapshotFeature(this.drawnId);
    return f?.geometry.type === 'LineString' ? { type: 'LineString', coordinates: f.geometry.coordinates as LineString['coordinates'] } : null;
  }

  /** Ends drawing or editing and removes the drawn polygon. */
  cancelDrawing(): void {
    const pending = this.stopPending;
    this.stopPending = null;
    pending?.();
    if (this.draw?.enabled) {
      this.draw.clear();
      this.draw.stop();
    }
    this.drawnId = null;
  }

  /** Resolves with the next clicked point on the map (events), or null if cancelled. */
  pickPoint(): Promise<LonLat | null> {
    this.cancelPick?.();
    this.map.getCanvas().style.cursor = 'crosshair';
    return new Promise((resolve) => {
      this.pickHandler = (p) => { this.cancelPick = null; resolve(p); };
      this.cancelPick = () => { this.pickHandler = null; this.map.getCanvas().style.cursor = ''; this.cancelPick = null; resolve(null); };
    });
  }

  cancelPick: (() => void) | null = null;

  /** For tests and debugging only. */
  get raw(): MapLibreMap { return this.map; }
}
