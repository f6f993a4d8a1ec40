/** Shared lookups for the queries: input parsing with errors a person can act on. */
import { FrontlineError } from '../errors.js';
import { resolveRegion } from '../core/reference/regions.js';
import { endOfDay, formatDate, parseDate } from '../core/stats/dates.js';
import type { RegionRecord, Store, VersionRecord } from '../store/store.js';

export function requireDate(text: string | undefined, flag: string): Date {
  if (!text) throw new FrontlineError('BAD_ARGUMENT', `${flag} is required (YYYY-MM-DD)`);
  const d = parseDate(text);
  if (!d) throw new FrontlineError('BAD_DATE', `${flag} '${text}' is not a date (YYYY-MM-DD)`);
  return d;
}

export function requireReference(store: Store): void {
  if (!store.hasReference()) throw new FrontlineError('NO_REFERENCE', 'the store has no reference geography: run `frontline reference load`');
}

export function requireRegion(store: Store, query: string | undefined): RegionRecord {
  requireReference(store);
  const regions = store.regions();
  if (!query) return regions.find((r) => r.code === 'UA')!;
  const found = resolveRegion(query, regions);
  if (!found.ok) throw new FrontlineError('UNKNOWN_REGION', found.message, { suggestions: found.suggestions });
  return found.region;
}

/** The version in force on a date: the latest valid at or before the end of that UTC day. */
export function requireVersionOn(store: Store, date: Date): VersionRecord {
  const v = store.versionAt(endOfDay(date));
  if (v) return v;
  const all = store.versions();
  if (all.length === 0) throw new FrontlineError('NO_VERSION', 'the store has no map versions: run `frontline import deepstate <dir>`');
  throw new FrontlineError('NO_VERSION', `no map version on or before ${formatDate(date)}: versions run from ${all[0].validAt.slice(0, 10)} to ${all[all.length - 1].validAt.slice(0, 10)}`, {
    first: all[0].validAt, last: all[all.length - 1].validAt,
  });
}

export function regionRef(r: RegionRecord) {
  return { code: r.code, name: r.name, level: r.level, areaKm2: Math.round(r.areaKm2 * 100) / 100 };
}

export function inRegion(region: RegionRecord, s: { oblast: string | null; raion: string | null }): boolean {
  return region.level === 'country' || s.oblast === region.code || s.raion === region.code;
}
