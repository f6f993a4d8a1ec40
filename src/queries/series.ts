/** `frontline series`: one row per day with the figures of the version in force that day. */
import { byStatus, type ByStatus } from '../core/stats/figures.js';
import { daysBetween, endOfDay, formatDate } from '../core/stats/dates.js';
import { FrontlineError } from '../errors.js';
import type { Store } from '../store/store.js';
import { regionRef, requireDate, requireRegion } from './context.js';

export interface SeriesRow { date: string; versionId: number | null; validAt: string | null; byStatus: ByStatus | null }
export interface SeriesResult { region: ReturnType<typeof regionRef>; from: string; to: string; rows: SeriesRow[] }

export const MAX_SERIES_DAYS = 20_000;

export function series(store: Store, params: { region?: string; from?: string; to?: string }): SeriesResult {
  const region = requireRegion(store, params.region);
  const all = store.figureSeries(region.code);
  const from = params.from ? requireDate(params.from, 'from') : all.length ? new Date(all[0].validAt.slice(0, 10)) : null;
  const to = params.to ? requireDate(params.to, 'to') : all.length ? new Date(all[all.length - 1].validAt.slice(0, 10)) : null;
  if (!from || !to) throw new FrontlineError('NO_VERSION', 'the store has no map versions: run `frontline import deepstate <dir>`');
  if (to < from) throw new FrontlineError('BAD_ARGUMENT', `to ${formatDate(to)} is before from ${formatDate(from)}`);
  const days = daysBetween(from, to);
  if (days.length > MAX_SERIES_DAYS) throw new FrontlineError('BAD_ARGUMENT', `the range has ${days.length} days; at most ${MAX_SERIES_DAYS}`);
  const rows: SeriesRow[] = [];
  let i = -1;
  for (const day of days) {
    const end = endOfDay(day);
    while (i + 1 < all.length && all[i + 1].validAt <= end) i++;
    const v = i >= 0 ? all[i] : null;
    rows.push({ date: formatDate(day), versionId: v?.versionId ?? null, validAt: v?.validAt ?? null, byStatus: v ? byStatus(v.areas, region.areaKm2) : null });
  }
  return { region: regionRef(region), from: formatDate(from), to: formatDate(to), rows };
}

/** CSV with one row per day: date, version, then km² and share per status. */
export function seriesCsv(result: SeriesResult): string {
  const statuses = ['occupied', 'occupiedBefore2022', 'contested', 'ukraine', 'liberated'] as const;
  const header = ['date', 'validAt', ...statuses.flatMap((s) => [`${s}Km2`, `${s}Share`])];
  const lines = result.rows.map((r) => [r.date, r.validAt ?? '', ...statuses.flatMap((s): (string | number)[] => (r.byStatus ? [r.byStatus[s].areaKm2, r.byStatus[s].share] : ['', '']))].join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}
