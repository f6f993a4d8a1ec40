/**
 * The URL is the permalink: every field of the view that someone would want to share lives in the
 * query string, written with `history.replaceState` (no history entry per slider step).
 *
 *   ?date=2022-05-25&map=7.25/48.612/38.001&panel=region&region=UA-09
 *   &compare=2022-05-18..2022-05-25&place=UA…&embed=1&basemap=https://…/style.json
 *   &layers=front,salients&whatif=Bakhmut,Siversk,Sloviansk   (or whatif=38.0000,48.6000;38.1000,48.8700)
 *
 * `map` is zoom/lat/lon like OpenStreetMap's `#map=`; `embed` and `basemap` are options of the
 * page, read once, and kept when the URL is rewritten.
 */
import { isIsoDate } from './dates';
import { LAYER_NAMES, type DateRange, type MapView, type PanelName, type ViewerState } from './state';

const PANELS: PanelName[] = ['region', 'compare', 'place', 'whatif'];

export interface PageOptions {
  /** Map, legend and timeline only: for iframes in articles. */
  embed: boolean;
  /** A MapLibre style URL to draw under our layers, for users with internet. */
  basemap: string | null;
}

export function readPageOptions(search: string): PageOptions {
  const q = new URLSearchParams(search);
  const basemap = q.get('basemap');
  return { embed: q.get('embed') === '1' || q.get('embed') === 'true', basemap: basemap && /^https?:\/\//.test(basemap) ? basemap : null };
}

export function readState(search: string): Partial<ViewerState> {
  const q = new URLSearchParams(search);
  const out: Partial<ViewerState> = {};
  const date = q.get('date');
  if (isIsoDate(date)) out.date = date;
  const view = parseView(q.get('map'));
  if (view) out.view = view;
  const compare = parseRange(q.get('compare'));
  if (compare) out.compare = compare;
  const panel = q.get('panel') as PanelName | null;
  if (panel && PANELS.includes(panel)) out.panel = panel;
  const region = q.get('region');
  if (region && /^[A-Za-z0-9-]{2,16}$/.test(region)) out.region = region;
  const place = q.get('place');
  if (place && /^[\w:.-]{2,40}$/.test(place)) out.place = place; // settlement codes look like gn:713174
  const layers = q.get('layers')?.split(',') ?? [];
  if (layers.length) out.layers = LAYER_NAMES.filter((l) => layers.includes(l));
  const whatif = q.get('whatif')?.trim();
  if (whatif && whatif.length <= 2000) out.whatif = whatif;
  return out;
}

export function writeState(state: ViewerState, options: PageOptions): string {
  const q = new URLSearchParams();
  if (state.date) q.set('date', state.date);
  if (state.view) q.set('map', `${state.view.zoom.toFixed(2)}/${state.view.lat.toFixed(4)}/${state.view.lon.toFixed(4)}`);
  if (state.panel) q.set('panel', state.panel);
  if (state.region) q.set('region', state.region);
  if (state.compare) q.set('compare', `${state.compare.from}..${state.compare.to}`);
  if (state.place) q.set('place', state.place);
  if (state.layers.length) q.set('layers', state.layers.join(','));
  if (state.whatif) q.set('whatif', state.whatif);
  if (options.embed) q.set('embed', '1');
  if (options.basemap) q.set('basemap', options.basemap);
  // Keep the separators readable: a permalink is pasted into chats and articles.
  return `?${q.toString().replace(/%2F/g, '/').replace(/%2C/g, ',').replace(/%3B/g, ';')}`;
}

function parseView(s: string | null): MapView | null {
  const m = s?.match(/^(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/);
  if (!m) return null;
  const [zoom, lat, lon] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![zoom, lat, lon].every(Number.isFinite) || zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

function parseRange(s: string | null): DateRange | null {
  const [from, to] = s?.split('..') ?? [];
  return isIsoDate(from) && isIsoDate(to) ? { from, to } : null;
}

/** Drawn what-if lines are kept as `lon,lat;lon,lat;…`; anything else is a list of places. */
const DRAWN_LINE = /^-?\d+(\.\d+)?,-?\d+(\.\d+)?(;-?\d+(\.\d+)?,-?\d+(\.\d+)?)+$/;

export const formatDrawnLine = (coords: [number, number][]): string => coords.map(([lon, lat]) => `${lon.toFixed(4)},${lat.toFixed(4)}`).join(';');

export function parseDrawnLine(s: string): [number, number][] | null {
  if (!DRAWN_LINE.test(s.replace(/\s+/g, ''))) return null;
  return s.replace(/\s+/g, '').split(';').map((p) => p.split(',').map(Number) as [number, number]);
}

/** The API's `line` parameter for the state's what-if line: the places as typed, or a GeoJSON LineString. */
export function whatifLineParam(whatif: string): string {
  const coords = parseDrawnLine(whatif);
  return coords ? JSON.stringify({ type: 'LineString', coordinates: coords }) : whatif;
}
