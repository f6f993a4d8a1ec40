/**
 * Tempo: ground gained per side per day, rolling sums, and the comparisons the series supports
 * ("the largest 7-day gain since …", "the lowest 30-day rate since …"). Pure series arithmetic;
 * definitions in docs/analysis.md.
 */
export type Side = 'russia' | 'ukraine';
export const SIDES: readonly Side[] = ['russia', 'ukraine'];

/** Gains between the previous version and this one, attributed to this version's valid time. */
export interface StepGain { validAt: string; russiaKm2: number; ukraineKm2: number }
export interface DayGain { date: string; russiaKm2: number; ukraineKm2: number }

/** A change of more than this between one window and the one before is a trend, not noise. */
export const TREND_RATIO = 0.25;

/** One row per day from `first` to `last` (YYYY-MM-DD), each step counted on the UTC day of its version. */
export function dailyGains(steps: StepGain[], first: string, last: string): DayGain[] {
  const byDay = new Map<string, DayGain>();
  for (let t = Date.parse(first); t <= Date.parse(last); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    byDay.set(date, { date, russiaKm2: 0, ukraineKm2: 0 });
  }
  for (const s of steps) {
    const day = byDay.get(s.validAt.slice(0, 10));
    if (!day) continue;
    day.russiaKm2 += s.russiaKm2;
    day.ukraineKm2 += s.ukraineKm2;
  }
  return [...byDay.values()];
}

/** Sum of the `window` days ending on each day; null until the window lies wholly inside the series. */
export function rollingSums(days: DayGain[], window: number, side: Side): (number | null)[] {
  const out: (number | null)[] = [];
  let sum = 0;
  for (let i = 0; i < days.length; i++) {
    sum += days[i][`${side}Km2`];
    if (i >= window) sum -= days[i - window][`${side}Km2`];
    out.push(i >= window - 1 ? Math.max(0, sum) : null);
  }
  return out;
}

export interface WindowFigure {
  side: Side;
  /** The last day of the window. */
  endDate: string;
  windowDays: number;
  km2: number;
  km2PerDay: number;
  /** The same window just before this one. */
  previousKm2: number | null;
  trend: 'faster' | 'slower' | 'steady' | null;
  /** The last earlier day whose window was at least as large (for `largestSince`) or at most as small. */
  largestSince: string | null;
  lowestSince: string | null;
  /** Whether no earlier complete window was as large (or as small): a record for the series. */
  largestOnRecord: boolean;
  lowestOnRecord: boolean;
}

/** The window ending on day `at` (index into `days`) compared with the windows before it. */
export function windowFigure(days: DayGain[], at: number, window: number, side: Side): WindowFigure | null {
  const sums = rollingSums(days, window, side);
  const km2 = sums[at];
  if (km2 === null || km2 === undefined) return null;
  const previous = at - window >= 0 ? sums[at - window] : null;
  let largest: number | null = null;
  let lowest: number | null = null;
  for (let j = at - 1; j >= 0 && (largest === null || lowest === null); j--) {
    const v = sums[j];
    if (v === null) break;
    if (largest === null && v >= km2) largest = j;
    if (lowest === null && v <= km2) lowest = j;
  }
  const firstComplete = sums.findIndex((v) => v !== null);
  const trend = previous === null ? null
    : km2 > previous * (1 + TREND_RATIO) && km2 - previous > 1 ? 'faster'
    : km2 < previous * (1 - TREND_RATIO) && previous - km2 > 1 ? 'slower' : 'steady';
  return {
    side, endDate: days[at].date, windowDays: window, km2, km2PerDay: km2 / window, previousKm2: previous, trend,
    largestSince: largest === null ? null : days[largest].date,
    lowestSince: lowest === null ? null : days[lowest].date,
    // A record needs a history: at least one window's worth of earlier complete windows.
    largestOnRecord: largest === null && at - firstComplete >= window,
    lowestOnRecord: lowest === null && at - firstComplete >= window,
  };
}

const SIDE_ADJ: Record<Side, string> = { russia: 'Russian', ukraine: 'Ukrainian' };
const r1 = (x: number) => (Math.round(x * 10) / 10).toLocaleString('en-US');

/**
 * Sentences the figures support, generated from them: a record or a "since" only when the
 * comparison reaches back at least two windows (otherwise it says nothing).
 */
export function statements(figures: WindowFigure[], where: string, start: string): string[] {
  const out: string[] = [];
  for (const f of figures) {
    const gain = `${SIDE_ADJ[f.side]} gain${f.windowDays === 7 ? '' : 's'}`;
    if (f.windowDays === 7) {
      if (f.largestOnRecord && f.km2 > 0) out.push(`The last 7 days saw the largest ${gain} in ${where} on record (${r1(f.km2)} km²; the series starts ${start}).`);
      else if (f.largestSince && f.km2 > 0 && longAgo(f, f.largestSince)) out.push(`The last 7 days saw the largest ${gain} in ${where} since the week to ${f.largestSince} (${r1(f.km2)} km²).`);
      else if (f.lowestSince && longAgo(f, f.lowestSince)) out.push(`The last 7 days saw the smallest ${gain} in ${where} since the week to ${f.lowestSince} (${r1(f.km2)} km²).`);
    } else {
      const rate = `The ${f.windowDays}-day rate of ${gain.replace(/s$/, '')}s in ${where} (${r1(f.km2PerDay)} km²/day)`;
      if (f.lowestOnRecord) out.push(`${rate} is the lowest on record (the series starts ${start}).`);
      else if (f.largestOnRecord && f.km2 > 0) out.push(`${rate} is the highest on record (the series starts ${start}).`);
      else if (f.lowestSince && longAgo(f, f.lowestSince)) out.push(`${rate} is the lowest since ${f.lowestSince}.`);
      else if (f.largestSince && f.km2 > 0 && longAgo(f, f.largestSince)) out.push(`${rate} is the highest since ${f.largestSince}.`);
    }
    if (f.trend && f.previousKm2 !== null && f.trend !== 'steady') {
      out.push(`${SIDE_ADJ[f.side]} gains in ${where} over the last ${f.windowDays} days (${r1(f.km2)} km²) were ${f.trend} than in the ${f.windowDays} days before (${r1(f.previousKm2)} km²).`);
    }
  }
  return out;
}

/** A "since" is news only when it reaches back at least two windows. */
function longAgo(f: WindowFigure, since: string): boolean {
  return (Date.parse(f.endDate) - Date.parse(since)) / 86_400_000 >= 2 * f.windowDays;
}
