/**
 * The map style, built in code from Frontline's own vector tiles so the viewer works offline:
 * /tiles/reference for the basemap (land, borders, roads, settlements) and /tiles/control/{date}
 * for the front line. No sprite, no glyphs URL: MapLibre GL JS ≥ 5.11 draws text with local
 * fonts (TinySDF) when the style has no `glyphs`, treating `text-font` as a CSS font-family list.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { ARROW_COLORS, CLAIM_COLOR, EVENT_MARKS, EVENT_TYPES, ITEM_SIDE_COLORS } from '../items';
import { ANALYSIS_COLORS, SIDE_COLORS, STATUS_COLORS } from '../statuses';

export const SOURCE = {
  reference: 'reference', control: 'control', diff: 'diff',
  // Analyses, GeoJSON from /api/v1 (docs/analysis.md), empty until switched on.
  front: 'front', movement: 'movement', salients: 'salients', whatif: 'whatif', distance: 'distance',
  // The team's published items (/events, /arrows, /claims).
  events: 'events', arrows: 'arrows', claims: 'claims', units: 'units',
} as const;
/** The GeoJSON sources the viewer fills with an analysis or the team's items. */
export type AnalysisSource = typeof SOURCE.front | typeof SOURCE.movement | typeof SOURCE.salients | typeof SOURCE.whatif | typeof SOURCE.distance
  | typeof SOURCE.events | typeof SOURCE.arrows | typeof SOURCE.claims | typeof SOURCE.units;
export const ANALYSIS_SOURCES: AnalysisSource[] = [SOURCE.front, SOURCE.movement, SOURCE.salients, SOURCE.whatif, SOURCE.distance, SOURCE.events, SOURCE.arrows, SOURCE.claims, SOURCE.units];
/** The claims' fill pattern, added by the adapter from map/hatch.ts when the style asks for it. */
export const CLAIM_HATCH_IMAGE = 'claim-hatch';


/** Ukraine with a margin; tiles outside are never requested. */
export const UKRAINE_BOUNDS: [number, number, number, number] = [21.5, 44.0, 40.5, 52.6];
/** Both tile sets are cut up to z12; MapLibre overzooms beyond. */
const TILE_MAX_ZOOM = 12;
/** From this zoom a click selects the raion under the pointer instead of the oblast. */
export const RAION_CLICK_ZOOM = 7;

/** Layers the adapter queries or restyles by id. */
export const LAYER = {
  controlFill: 'control-fill',
  diffFill: 'diff-fill',
  diffLine: 'diff-line',
  oblastHit: 'oblast-hit',
  raionHit: 'raion-hit',
  selectedOblast: 'selected-oblast',
  selectedRaion: 'selected-raion',
  frontLine: 'front-line',
  movementFill: 'movement-fill',
  salientNeck: 'salient-neck',
  salientNeckLabel: 'salient-neck-label',
  eventDisc: 'event-disc',
  eventMark: 'event-mark',
  arrowLine: 'arrow-line',
  arrowHead: 'arrow-head',
  claimFill: 'claim-fill',
  unitMark: 'unit-mark',
  unitLabel: 'unit-label',
} as const;

/** Layers whose features open a popup, by source; the features carry `ref` (see panels/events-layer.ts). */
export const ITEM_LAYERS: { source: 'events' | 'arrows' | 'claims' | 'units'; layers: string[] }[] = [
  { source: 'events', layers: [LAYER.eventDisc, LAYER.eventMark] },
  { source: 'units', layers: [LAYER.unitMark, LAYER.unitLabel] },
  { source: 'arrows', layers: [LAYER.arrowLine, LAYER.arrowHead] },
  { source: 'claims', layers: [LAYER.claimFill] },
];

/** Local font stacks; the first name also tells MapLibre the weight (it sniffs "Bold"/"Regular"). */
const FONT_REGULAR = ['Noto Sans Regular', 'Arial', 'DejaVu Sans'];
const FONT_BOLD = ['Noto Sans Bold', 'Arial', 'DejaVu Sans'];

export const controlTilesUrl = (origin: string, date: string) => `${origin}/tiles/control/${date}/{z}/{x}/{y}.mvt`;
const referenceTilesUrl = (origin: string) => `${origin}/tiles/reference/{z}/{x}/{y}.mvt`;

export function frontlineSources(origin: string, date: string): Record<string, SourceSpecification> {
  return {
    [SOURCE.reference]: { type: 'vector', tiles: [referenceTilesUrl(origin)], maxzoom: TILE_MAX_ZOOM, bounds: UKRAINE_BOUNDS },
    [SOURCE.control]: { type: 'vector', tiles: [controlTilesUrl(origin, date)], maxzoom: TILE_MAX_ZOOM, bounds: UKRAINE_BOUNDS },
    [SOURCE.diff]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    ...Object.fromEntries(ANALYSIS_SOURCES.map((id) => [id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } satisfies SourceSpecification])),
  };
}

const statusColor: ExpressionSpecification = [
  'match', ['get', 'status'],
  'occupied', STATUS_COLORS.occupied,
  'occupiedBefore2022', STATUS_COLORS.occupiedBefore2022,
  'contested', STATUS_COLORS.contested,
  'liberated', STATUS_COLORS.liberated,
  '#000000',
];

/** A layer of the reference tiles; the cast is checked by MapLibre's style validation at runtime. */
const ref = (id: string, sourceLayer: string, rest: { type: LayerSpecification['type'] } & Record<string, unknown>) =>
  ({ id, source: SOURCE.reference, 'source-layer': sourceLayer, ...rest }) as LayerSpecification;

/** The basemap drawn under the control layer; skipped when an online basemap style is used. */
function offlineBaseLayers(): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': '#e3e6e8' } },
    ref('country-fill', 'country', { type: 'fill', paint: { 'fill-color': '#f6f4ee' } }),
    ref('roads-national', 'roads', {
      type: 'line', minzoom: 6, filter: ['==', ['get', 'category'], 'national'],
      paint: { 'line-color': '#e3c9a3', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.4, 10, 1.6] },
    }),
    ref('roads-international', 'roads', {
      type: 'line', minzoom: 4.5, filter: ['==', ['get', 'category'], 'international'],
      paint: { 'line-color': '#d6a368', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.6, 10, 2.4] },
    }),
  ];
}

function controlLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER.controlFill, type: 'fill', source: SOURCE.control, 'source-layer': 'control',
      // The server cuts control polygons into 0.25° grid cells: an outline (or the antialiasing
      // fringe, drawn twice where two cells meet) would show that grid, so neither is drawn.
      paint: { 'fill-color': statusColor, 'fill-opacity': 0.5, 'fill-antialias': false },
    },
    {
      id: LAYER.diffFill, type: 'fill', source: SOURCE.diff,
      paint: { 'fill-color': ['match', ['get', 'side'], 'russia', SIDE_COLORS.russia, SIDE_COLORS.ukraine], 'fill-opacity': 0.8, 'fill-antialias': false },
    },
    {
      id: LAYER.diffLine, type: 'line', source: SOURCE.diff,
      // The outline keeps small changes visible when zoomed out; zoomed in it would show the
      // 0.25° cells the changes are cut into, so it fades out.
      paint: {
        'line-color': ['match', ['get', 'side'], 'russia', SIDE_COLORS.russia, SIDE_COLORS.ukraine],
        'line-width': 1.2,
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 7, 1, 9, 0],
      },
    },
  ];
}

function borderLayers(withLand: boolean): LayerSpecification[] {
  return [
    ref('raion-line', 'raions', {
      type: 'line', minzoom: 6,
      paint: { 'line-color': '#8d8d8d', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.3, 10, 1], 'line-dasharray': [3, 2] },
    }),
    ref('oblast-line', 'oblasts', {
      type: 'line',
      paint: { 'line-color': '#5f5f5f', 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 9, 1.6] },
    }),
    ref('country-line', 'country', { type: 'line', paint: { 'line-color': withLand ? '#2f2f2f' : '#1f1f1f', 'line-width': 1.6 } }),
    // Invisible fills that make oblasts and raions clickable (queryRenderedFeatures needs a rendered layer).
    ref(LAYER.oblastHit, 'oblasts', { type: 'fill', paint: { 'fill-opacity': 0 } }),
    // Raions are clicked from RAION_CLICK_ZOOM only: below it their fills would be built for nothing.
    ref(LAYER.raionHit, 'raions', { type: 'fill', minzoom: RAION_CLICK_ZOOM, paint: { 'fill-opacity': 0 } }),
    ref(LAYER.selectedOblast, 'oblasts', {
      type: 'line', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#0b3d91', 'line-width': 3 },
    }),
    ref(LAYER.selectedRaion, 'raions', {
      type: 'line', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#0b3d91', 'line-width': 2.5 },
    }),
  ];
}

/**
 * Settlements by population rank (1 = biggest): the biggest appear first when zooming in, and
 * symbol-sort-key lets the bigger place win a label collision.
 */
const PLACE_TIERS: { id: string; ranks: number[]; minzoom: number }[] = [
  { id: 'capital', ranks: [1], minzoom: 4 },
  { id: 'major', ranks: [2], minzoom: 5.6 },
  { id: 'mid', ranks: [3], minzoom: 7 },
  { id: 'minor', ranks: [4, 5], minzoom: 9 },
];

function placeLayers(): LayerSpecification[] {
  return PLACE_TIERS.flatMap(({ id, ranks, minzoom }) => {
    const filter: ExpressionSpecification = ['in', ['get', 'rank'], ['literal', ranks]];
    return [
      ref(`place-dot-${id}`, 'settlements', {
        type: 'circle', minzoom, filter,
        paint: {
          'circle-radius': ['match', ['get', 'rank'], 1, 4, 2, 3.2, 3, 2.6, 2],
          'circle-color': '#ffffff', 'circle-stroke-color': '#333333', 'circle-stroke-width': 1,
        },
      }),
      ref(`place-label-${id}`, 'settlements', {
        type: 'symbol', minzoom, filter,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': ['match', ['get', 'rank'], [1, 2], ['literal', FONT_BOLD], ['literal', FONT_REGULAR]],
          'text-size': ['match', ['get', 'rank'], 1, 15, 2, 13, 3, 12, 4, 11, 10],
          'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
          'text-radial-offset': 0.5,
          'text-justify': 'auto',
          'symbol-sort-key': ['get', 'rank'],
          'text-max-width': 8,
        },
        paint: { 'text-color': '#1d1d1d', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
      }),
    ];
  });
}

/** Settlement dots and labels: clicking either opens the settlement. */
export const PLACE_LAYERS = PLACE_TIERS.flatMap(({ id }) => [`place-dot-${id}`, `place-label-${id}`]);

const sideColor: ExpressionSpecification = ['match', ['get', 'side'], 'russia', SIDE_COLORS.russia, SIDE_COLORS.ukraine];
const eventSideColor: ExpressionSpecification = ['match', ['get', 'side'], 'russia', ITEM_SIDE_COLORS.russia, 'ukraine', ITEM_SIDE_COLORS.ukraine, ITEM_SIDE_COLORS.unknown];
const arrowColor: ExpressionSpecification = ['match', ['get', 'side'], 'russia', ARROW_COLORS.russia, 'ukraine', ARROW_COLORS.ukraine, ARROW_COLORS.unknown];
const eventGlyph = ['match', ['get', 'type'], ...EVENT_TYPES.flatMap((t) => [t, EVENT_MARKS[t].glyph]), '●'] as unknown as ExpressionSpecification;
const kindIs = (kind: string): ExpressionSpecification => ['==', ['get', 'kind'], kind];
const lineLabel = (id: string, source: string, filter: ExpressionSpecification, text: ExpressionSpecification, color: string) => ({
  id, type: 'symbol', source, filter,
  layout: {
    'symbol-placement': 'line-center', 'text-field': text, 'text-font': ['literal', FONT_BOLD], 'text-size': 13,
    'text-allow-overlap': true, 'text-ignore-placement': true, 'text-offset': [0, -0.9],
  },
  paint: { 'text-color': color, 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 2 },
}) as LayerSpecification;

/** Ground drawn by the analyses: gained patches, salients, ceded and gained ground of a what-if line. */
function analysisFills(): LayerSpecification[] {
  return [
    { id: LAYER.movementFill, type: 'fill', source: SOURCE.movement, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': sideColor, 'fill-opacity': 0.75 } },
    { id: 'salient-fill', type: 'fill', source: SOURCE.salients, filter: kindIs('salient'), paint: { 'fill-color': sideColor, 'fill-opacity': 0.12 } },
    { id: 'whatif-ceded', type: 'fill', source: SOURCE.whatif, filter: kindIs('ceded'), paint: { 'fill-color': ANALYSIS_COLORS.ceded, 'fill-opacity': 0.5 } },
    { id: 'whatif-gained', type: 'fill', source: SOURCE.whatif, filter: kindIs('gained'), paint: { 'fill-color': ANALYSIS_COLORS.gained, 'fill-opacity': 0.5 } },
    // Claims are hatched, never filled like control: a claim is not an assessment.
    { id: LAYER.claimFill, type: 'fill', source: SOURCE.claims, paint: { 'fill-pattern': CLAIM_HATCH_IMAGE } },
  ];
}

/** Lines of the analyses, over the borders: the front line, salient outlines and necks, what-if lines, depth of advance. */
function analysisLines(): LayerSpecification[] {
  const width = (z5: number, z10: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 5, z5, 10, z10];
  return [
    { id: 'front-casing', type: 'line', source: SOURCE.front, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': width(3, 6), 'line-opacity': 0.8 } },
    { id: LAYER.frontLine, type: 'line', source: SOURCE.front, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': ANALYSIS_COLORS.front, 'line-width': width(1.3, 3) } },
    { id: 'salient-outline', type: 'line', source: SOURCE.salients, filter: kindIs('salient'), paint: { 'line-color': sideColor, 'line-width': width(1.5, 3) } },
    { id: LAYER.salientNeck, type: 'line', source: SOURCE.salients, filter: kindIs('neck'), paint: { 'line-color': ANALYSIS_COLORS.neck, 'line-width': width(2.5, 4), 'line-dasharray': [2, 1] } },
    { id: 'whatif-replaced', type: 'line', source: SOURCE.whatif, filter: kindIs('replaced front'), layout: { 'line-join': 'round' }, paint: { 'line-color': ANALYSIS_COLORS.replaced, 'line-width': width(3, 5), 'line-opacity': 0.8 } },
    { id: 'whatif-proposed', type: 'line', source: SOURCE.whatif, filter: kindIs('proposed'), layout: { 'line-join': 'round' }, paint: { 'line-color': ANALYSIS_COLORS.proposed, 'line-width': width(2.5, 4), 'line-dasharray': [3, 1.5] } },
    { id: 'movement-depth', type: 'line', source: SOURCE.movement, filter: kindIs('depth'), paint: { 'line-color': '#111111', 'line-width': width(2, 3.5) } },
    { id: 'distance-line', type: 'line', source: SOURCE.distance, paint: { 'line-color': ANALYSIS_COLORS.proposed, 'line-width': 2, 'line-dasharray': [2, 2] } },
    { id: 'claim-outline', type: 'line', source: SOURCE.claims, paint: { 'line-color': CLAIM_COLOR, 'line-width': width(1.5, 2.5), 'line-dasharray': [3, 2] } },
    { id: 'arrow-casing', type: 'line', source: SOURCE.arrows, filter: kindIs('arrow'), layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': width(5, 8), 'line-opacity': 0.8 } },
    { id: LAYER.arrowLine, type: 'line', source: SOURCE.arrows, filter: kindIs('arrow'), layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': arrowColor, 'line-width': width(2.5, 4.5) } },
    { id: LAYER.arrowHead, type: 'fill', source: SOURCE.arrows, filter: kindIs('head'), paint: { 'fill-color': arrowColor, 'fill-outline-color': '#ffffff' } },
  ];
}

/** Labels of the analyses, over the place labels: neck widths and the depth of the largest advance. */
function analysisLabels(): LayerSpecification[] {
  return [
    lineLabel(LAYER.salientNeckLabel, SOURCE.salients, kindIs('neck'), ['concat', 'neck ', ['to-string', ['get', 'neckWidthKm']], ' km'], ANALYSIS_COLORS.neck),
    lineLabel('movement-depth-label', SOURCE.movement, kindIs('depth'), ['concat', ['to-string', ['get', 'depthKm']], ' km deep'], '#111111'),
    lineLabel('distance-label', SOURCE.distance, ['has', 'km'], ['concat', ['to-string', ['get', 'km']], ' km'], ANALYSIS_COLORS.proposed),
    // Events over every label: a white disc ringed in the side's colour, the type's mark inside.
    {
      id: LAYER.eventDisc, type: 'circle', source: SOURCE.events,
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 8, 10, 13], 'circle-color': '#ffffff', 'circle-stroke-color': eventSideColor, 'circle-stroke-width': 2 },
    },
    {
      id: LAYER.eventMark, type: 'symbol', source: SOURCE.events,
      layout: {
        'text-field': eventGlyph, 'text-font': ['literal', FONT_BOLD], 'text-size': ['interpolate', ['linear'], ['zoom'], 5, 15, 10, 23],
        'text-allow-overlap': true, 'text-ignore-placement': true,
      },
      paint: { 'text-color': eventSideColor },
    },
    // A unit: a filled square in its side's colour (a military map's unit frame, simplified), named beside it.
    {
      id: LAYER.unitMark, type: 'symbol', source: SOURCE.units,
      layout: { 'text-field': '■', 'text-font': ['literal', FONT_BOLD], 'text-size': ['interpolate', ['linear'], ['zoom'], 5, 16, 10, 24], 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': eventSideColor, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: LAYER.unitLabel, type: 'symbol', source: SOURCE.units,
      layout: { 'text-field': ['get', 'label'], 'text-font': ['literal', FONT_REGULAR], 'text-size': 12, 'text-anchor': 'left', 'text-offset': [1, 0], 'text-optional': true },
      paint: { 'text-color': eventSideColor, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}

/** Our layers, bottom to top. With an online basemap the land and roads come from it instead. */
/** The GeoJSON sources that start empty: their layers start hidden (see `hiddenWhileEmpty`). */
export const GEOJSON_SOURCES: string[] = [SOURCE.diff, ...ANALYSIS_SOURCES];

export function frontlineLayers(offline: boolean): LayerSpecification[] {
  return [
    ...(offline ? offlineBaseLayers() : []), ...controlLayers(), ...analysisFills(), ...borderLayers(offline),
    ...analysisLines(), ...placeLayers(), ...analysisLabels(),
  ].map(hiddenWhileEmpty);
}

/**
 * A layer of an empty GeoJSON source starts hidden, and the adapter shows it when the source gets
 * data: MapLibre cuts tiles of every source a visible layer uses, and the nine empty sources made
 * 54 worker jobs at start-up, queued before the basemap and control tiles.
 */
function hiddenWhileEmpty(layer: LayerSpecification): LayerSpecification {
  const source = 'source' in layer ? layer.source : undefined;
  if (typeof source !== 'string' || !GEOJSON_SOURCES.includes(source)) return layer;
  return { ...layer, layout: { ...(layer.layout ?? {}), visibility: 'none' } } as LayerSpecification;
}

export function offlineStyle(origin: string, date: string): StyleSpecification {
  return { version: 8, name: 'Frontline offline', sources: frontlineSources(origin, date), layers: frontlineLayers(true) };
}

/** The second source over the reference tiles that `labelsAfterFirstFrame` gives the place names. */
export const PLACE_NAMES_SOURCE = 'place-names';

/**
 * The style with the settlement names held back until the viewer shows them (the adapter does so
 * once the map is first drawn). Without a GPU, names cost the first frame about 0.7 s: local-font
 * glyphs drawn on the main thread while the worker waits for them, symbol layout, and text shaders
 * compiled in software. Held back, the map and front appear 0.7–0.9 s sooner and the names
 * 0.03–0.21 s later than before (docs/performance.md). They read the same tiles through a source
 * of their own (the browser has the tiles cached), so showing them does not make MapLibre lay out
 * the basemap again.
 */
export function labelsAfterFirstFrame(style: StyleSpecification): { style: StyleSpecification; heldLayers: string[] } {
  const reference = style.sources[SOURCE.reference];
  const isName = (l: LayerSpecification) => l.type === 'symbol' && 'source' in l && l.source === SOURCE.reference;
  const heldLayers = style.layers.filter(isName).map((l) => l.id);
  if (!reference || heldLayers.length === 0) return { style, heldLayers: [] };
  const layers = style.layers.map((l) => (isName(l) ? { ...l, source: PLACE_NAMES_SOURCE, layout: { ...('layout' in l ? l.layout : {}), visibility: 'none' } } as LayerSpecification : l));
  return { style: { ...style, sources: { ...style.sources, [PLACE_NAMES_SOURCE]: reference }, layers }, heldLayers };
}
