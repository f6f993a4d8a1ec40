/**
 * The published events, attack arrows and unit positions as GeoJSON layers, and a settlement's published events.
 * Two audiences: the public gets only items of public versions whose embargo is over (read against
 * the clock, so an embargo with an end date lifts itself), free points and arrows coarsened to the
 * team's precision (core/workspace/public-precision.ts); the team gets everything published, exact,
 * with the embargo state.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { formatDate } from '../core/stats/dates.js';
import { coarsen, publicArrowLine, publicUnitPoint, type PublicArrows, type PublicUnits } from '../core/workspace/public-precision.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { PublishedItemRecord } from '../store/workspace-store.js';
import { regionRef, requireDate, requireRegion } from './context.js';

export interface Audience {
  /** The team (editor and up) sees embargoed and held items, exact. */
  team: boolean;
  /** The instant embargoes and publication delays are read against (ISO 8601 UTC). */
  now: string;
  pointPrecisionDeg: number;
  arrows: PublicArrows;
  units: PublicUnits;
}

export interface ItemsParams { date?: string; from?: string; to?: string; region?: string }

/** `date=D`, or `from`/`to` (both days included): the [from, to) instants of the items' times. */
function dayRange(params: ItemsParams): { from: Date; to: Date; label: { from: string; to: string } } {
  if (params.date && (params.from || params.to)) throw new FrontlineError('BAD_ARGUMENT', 'give date, or from and to, not both');
  const from = requireDate(params.date ?? params.from, params.date ? 'date' : 'date (or from)');
  const to = params.date ? from : requireDate(params.to, 'to');
  if (to < from) throw new FrontlineError('BAD_ARGUMENT', `to '${formatDate(to)}' is before from '${formatDate(from)}'`);
  if (to.getTime() - from.getTime() > 366 * 86_400_000) throw new FrontlineError('BAD_ARGUMENT', `from ${formatDate(from)} to ${formatDate(to)} is more than a year: ask for a shorter span`);
  return { from, to: new Date(to.getTime() + 86_400_000), label: { from: formatDate(from), to: formatDate(to) } };
}

/**
 * What only the team sees of an item: its draft item id (for a lift), its draft, its embargo. Item
 * ids are not public: their gaps would tell that something was held back.
 */
const teamOnly = (r: PublishedItemRecord, now: string) => ({
  itemId: r.itemId, draftId: r.draftId,
  embargoed: r.embargoed || (r.embargoUntil !== null && r.embargoUntil > now), embargoUntil: r.embargoed ? null : r.embargoUntil,
});

/**
 * Published events whose time falls in the days asked for, as GeoJSON points: type, side, time,
 * confidence, sources, note, the settlement when placed at one. Public free points carry `precisionDeg`.
 */
export async function eventsGeoJSON(store: Store, params: ItemsParams, who: Audience): Promise<FeatureCollection<Point> & { from: string; to: string; region?: ReturnType<typeof regionRef> }> {
  const { from, to, label } = dayRange(params);
  const region = params.region ? requireRegion(store, params.region) : null;
  const rows = store.workspace().publishedItems({ kind: 'event', from: from.toISOString(), to: to.toISOString(), publicAt: who.team ? undefined : who.now });
  let features: Feature<Point>[] = rows.map((r) => {
    const [lon, lat] = (r.geometry as unknown as Point).coordinates;
    const coarse = !who.team && r.settlement === null && who.pointPrecisionDeg > 0;
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: coarse ? [coarsen(lon, who.pointPrecisionDeg), coarsen(lat, who.pointPrecisionDeg)] : [lon, lat] },
      properties: {
        time: r.time, ...r.properties, settlement: r.settlement, versionId: r.versionId,
        ...(coarse ? { precisionDeg: who.pointPrecisionDeg } : {}), ...(who.team ? teamOnly(r, who.now) : {}),
      },
    };
  });
  if (region && region.code !== 'UA') {
    await geos.initGeometry();
    const shape = geos.fromWkb(store.regionWkb(region.code)!);
    const prepared = geos.prepare(shape);
    try {
      features = features.filter((f) => geos.preparedCoversXY(prepared, f.geometry.coordinates[0], f.geometry.coordinates[1]));
    } finally {
      geos.freePrepared(prepared);
      geos.free(shape);
    }
  }
  return { type: 'FeatureCollection', ...label, ...(region ? { region: regionRef(region) } : {}), features };
}

/**
 * Published attack arrows whose time falls in the days asked for, as GeoJSON lines (first point:
 * where the attack starts, last: where it aims). The public gets them snapped to the precision grid
 * (an arrow whose ends share a cell is left out) or none at all when the team hides arrows.
 */
export function arrowsGeoJSON(store: Store, params: ItemsParams, who: Audience): FeatureCollection<LineString> & { from: string; to: string; hidden?: boolean } {
  const { from, to, label } = dayRange(params);
  if (!who.team && who.arrows === 'hidden') return { type: 'FeatureCollection', ...label, hidden: true, features: [] };
  const rows = store.workspace().publishedItems({ kind: 'arrow', from: from.toISOString(), to: to.toISOString(), publicAt: who.team ? undefined : who.now });
  const features: Feature<LineString>[] = [];
  for (const r of rows) {
    const exact = r.geometry as unknown as LineString;
    const line = who.team ? exact : publicArrowLine(exact, who.pointPrecisionDeg);
    if (!line) continue;
    features.push({
      type: 'Feature', geometry: line,
      properties: {
        time: r.time, ...r.properties, versionId: r.versionId,
        ...(!who.team && who.pointPrecisionDeg > 0 ? { precisionDeg: who.pointPrecisionDeg } : {}), ...(who.team ? teamOnly(r, who.now) : {}),
      },
    });
  }
  return { type: 'FeatureCollection', ...label, features };
}

/**
 * Published unit positions whose time falls in the days asked for, as GeoJSON points: unit, side,
 * time, confidence, sources, note. The public gets every point on the precision grid — a settlement
 * too, and without its name (publicUnitPoint says why) — or none at all when the team hides units;
 * the team gets them exact, with the settlement and the embargo state.
 */
export function unitsGeoJSON(store: Store, params: ItemsParams, who: Audience): FeatureCollection<Point> & { from: string; to: string; hidden?: boolean } {
  const { from, to, label } = dayRange(params);
  if (!who.team && who.units === 'hidden') return { type: 'FeatureCollection', ...label, hidden: true, features: [] };
  const rows = store.workspace().publishedItems({ kind: 'unit', from: from.toISOString(), to: to.toISOString(), publicAt: who.team ? undefined : who.now });
  const features = rows.map((r): Feature<Point> => {
    const [lon, lat] = (r.geometry as unknown as Point).coordinates;
    if (who.team) {
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { time: r.time, ...r.properties, settlement: r.settlement, versionId: r.versionId, ...teamOnly(r, who.now) } };
    }
    const { place: _settlementName, ...properties } = r.properties;
    return {
      type: 'Feature', geometry: { type: 'Point', coordinates: publicUnitPoint(lon, lat, who.pointPrecisionDeg) },
      properties: { time: r.time, ...properties, versionId: r.versionId, ...(who.pointPrecisionDeg > 0 ? { precisionDeg: who.pointPrecisionDeg } : {}) },
    };
  });
  return { type: 'FeatureCollection', ...label, features };
}

/** The public events recorded at a settlement, oldest first, with their sources (for its history). */
export function settlementEvents(store: Store, code: string, now: string) {
  return store.workspace().publishedItems({ kind: 'event', from: '0000', to: '9999', settlement: code, publicAt: now }).map((r) => {
    const p = r.properties as { type: string; side: string; confidence: string; note: string | null; sources: { url: string; publisher: string; publishedAt?: string | null; archiveUrl?: string | null }[] };
    return {
      time: r.time, date: r.time.slice(0, 10), type: p.type, side: p.side, confidence: p.confidence, note: p.note, versionId: r.versionId,
      sources: p.sources.map((s) => ({ url: s.url, publisher: s.publisher, publishedAt: s.publishedAt ?? null, archiveUrl: s.archiveUrl ?? null })),
    };
  });
}
