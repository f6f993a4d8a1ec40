/** `frontline stats` and GET /api/v1/stats: status figures of a region on a date. */
import { byStatus, type ByStatus } from '../core/stats/figures.js';
import { formatDate } from '../core/stats/dates.js';
import { STATUS_CODES } from '../core/timeline/settlement-status.js';
import type { SettlementStatus } from '../core/timeline/status.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import { inRegion, regionRef, requireDate, requireRegion, requireVersionOn } from './context.js';

export interface StatsResult {
  date: string;
  version: { id: number; validAt: string };
  region: { code: string; name: string; level: string; areaKm2: number };
  byStatus: ByStatus;
  settlements: Record<SettlementStatus, { count: number; population: number }>;
}

export function stats(store: Store, params: { date?: string; region?: string }): StatsResult {
  const date = requireDate(params.date, 'date');
  const region = requireRegion(store, params.region);
  const version = requireVersionOn(store, date);
  const areas = store.regionFigures(version.id, region.code);
  if (!areas) throw new FrontlineError('NO_VERSION', `version ${version.id} has no figures for ${region.code}: re-import it`);
  return {
    date: formatDate(date),
    version: { id: version.id, validAt: version.validAt },
    region: regionRef(region),
    byStatus: byStatus(areas, region.areaKm2),
    settlements: settlementCounts(store, version.id, region),
  };
}

function settlementCounts(store: Store, versionId: number, region: Parameters<typeof inRegion>[0]) {
  const out = Object.fromEntries(STATUS_CODES.map((s) => [s, { count: 0, population: 0 }])) as StatsResult['settlements'];
  const statuses = store.settlementStatuses(versionId);
  if (!statuses) return out;
  for (const s of store.settlements()) {
    if (!inRegion(region, s)) continue;
    const entry = out[STATUS_CODES[statuses[s.id]]];
    entry.count++;
    entry.population += s.population ?? 0;
  }
  return out;
}
