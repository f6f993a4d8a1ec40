/** Calendar-day arithmetic on 'YYYY-MM-DD' strings (UTC, like the API) and snapping to map versions. */

const DAY_MS = 86_400_000;

export const isIsoDate = (s: string | null | undefined): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export const toUnixSeconds = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;
export const fromUnixSeconds = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);

/**
 * Index of the version in force on `date`: the last version date on or before it (the map on day
 * D is the latest version published by the end of D). Dates before the first version give 0.
 */
export function versionIndexOn(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length - 1;
  if (hi < 0 || date <= dates[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dates[mid] <= date) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The version date in force on `date`, clamped into the archive's range. */
export const snapToVersion = (dates: readonly string[], date: string): string => dates[versionIndexOn(dates, date)];

export function formatLongDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The 7-day window ending on `date` that the tempo figures cover, starting no earlier than the
 * archive's first version; null on the first version (there is nothing before it to compare with).
 */
export function weekEndingOn(dates: readonly string[], date: string): { from: string; to: string } | null {
  const first = dates[0];
  if (!first || date <= first) return null;
  const from = addDays(date, -7);
  return { from: from < first ? first : from, to: date };
}
