/** `frontline settlements`, `versions` and `regions`. */
import { STATUS_CODES } from '../core/timeline/settlement-status.js';
import { ALL_STATUSES, isStatus, type SettlementStatus } from '../core/timeline/status.js';
import { formatDate } from '../core/stats/dates.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import { inRegion, regionRef, requireDate, requireReference, requireRegion, requireVersionOn } from './context.js';

export function settlementsOn(store: Store, params: { date?: string; region?: string; status?: string }) {
  const date = requireDate(params.date, 'date');
  const region = requireRegion(store, params.region);
  if (params.status && !isStatus(params.status)) {
    throw new FrontlineError('BAD_ARGUMENT', `unknown status '${params.status}' (one of ${ALL_STATUSES.join(', ')})`);
  }
  const version = requireVersionOn(store, date);
  const statuses = store.settlementStatuses(version.id)!;
  const matches = (s: SettlementStatus) => !params.status || s === params.status
    || (params.status === 'occupied' && s === 'occupiedBefore2022') || (params.status === 'ukraine' && s === 'liberated');
  const settlements = store.settlements()
    .filter((s) => inRegion(region, s) && matches(STATUS_CODES[statuses[s.id]]))
    .map((s) => ({ name: s.name, code: s.code, status: STATUS_CODES[statuses[s.id]], population: s.population, oblast: s.oblast, raion: s.raion, lon: s.lon, lat: s.lat }))
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.name.localeCompare(b.name));
  return { date: formatDate(date), version: { id: version.id, validAt: version.validAt }, region: regionRef(region), status: params.status ?? null, settlements };
}

export function versionsList(store: Store) {
  return store.versions().map((v) => ({ id: v.id, validAt: v.validAt, source: v.source, file: v.file, contentHash: v.contentHash, importedAt: v.importedAt, summary: v.summary }));
}

export function regionsList(store: Store) {
  requireReference(store);
  return store.regions().map((r) => ({ ...regionRef(r), nameUk: r.nameUk, nameRu: r.nameRu, parent: r.parent, sourceAreaKm2: Math.round(r.sourceAreaKm2 * 100) / 100 }));
}
