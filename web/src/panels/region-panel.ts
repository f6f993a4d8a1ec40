/**
 * The region panel: for one region on the map date, area and share per status, their change over
 * 7 and 30 days, settlements per status, the front line and the tempo (tempo-section.ts), the
 * salients (salients-section.ts), the occupied share over the whole archive, and the settlements
 * whose status changed in the last 7 days.
 */
import type { Api, AreaStatus, ByStatus, Diff, Region, Series, SettlementStatus, Stats } from '../api';
import { addDays, formatLongDate } from '../dates';
import { el, replaceChildren, type Child } from '../dom';
import { formatCount, formatKm2, formatPercent, formatSignedCount, formatSignedKm2, formatSignedPoints } from '../format';
import { STATUS_COLORS } from '../statuses';
import { ShareChart } from './share-chart';
import { errorMessage, loading, statusChange } from './common';

const ROWS: { status: AreaStatus; label: string; sub?: boolean }[] = [
  { status: 'occupied', label: 'Occupied' },
  { status: 'occupiedBefore2022', label: 'of which before 2022', sub: true },
  { status: 'contested', label: 'Contested' },
  { status: 'ukraine', label: 'Held by Ukraine' },
  { status: 'liberated', label: 'of which liberated', sub: true },
];
const RECENT_DAYS = 7;
const SHOWN_CHANGES = 50;

export interface RegionPanelOptions {
  api: Api;
  regions: Region[];
  /** The archive's version dates: the 7-day diff cannot start before the first one. */
  dates: string[];
  onRegion: (code: string) => void;
  onDate: (date: string) => void;
  onPlace: (code: string) => void;
  /** More parts of the panel (front line and tempo, salients), shown under the figures and updated with them. */
  sections?: RegionSection[];
}

export interface RegionSection { element: HTMLElement; update(region: string, date: string): Promise<void> }

export class RegionPanel {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly figures: HTMLElement;
  private readonly recent: HTMLElement;
  private readonly chart: ShareChart;
  private readonly chartError: HTMLElement;
  private region: string | null = null;
  private date: string | null = null;
  private seriesFor: string | null = null;
  /** Bumped on every update so answers for a date or region the user has left are dropped. */
  private generation = 0;

  constructor(private readonly options: RegionPanelOptions) {
    this.select = regionSelect(options.regions);
    this.select.addEventListener('change', () => options.onRegion(this.select.value));
    this.figures = el('section', { class: 'region-figures', 'aria-live': 'polite' });
    this.chart = new ShareChart(options.onDate);
    this.chartError = el('div');
    this.recent = el('section', { class: 'region-recent' });
    this.element = el('div', { class: 'region-panel' },
      el('div', { class: 'field' }, el('label', { for: 'region-select' }, 'Region'), this.select),
      el('p', { class: 'hint' }, 'Or click an oblast on the map; zoom in to pick a raion.'),
      this.figures,
      ...(options.sections ?? []).map((section) => section.element),
      el('section', { class: 'region-chart' }, el('h3', {}, 'Occupied share over time'), this.chartError, this.chart.element,
        el('p', { class: 'hint' }, 'Click the chart to move the map to that date.')),
      this.recent,
    );
  }

  regionName(code: string): string {
    return this.options.regions.find((r) => r.code === code)?.name ?? code;
  }

  regionLevel(code: string): string | null {
    return this.options.regions.find((r) => r.code === code)?.level ?? null;
  }

  async update(region: string, date: string): Promise<void> {
    for (const section of this.options.sections ?? []) void section.update(region, date);
    if (region === this.region && date === this.date) return;
    const generation = ++this.generation;
    this.region = region;
    this.date = date;
    this.select.value = region;
    const { api } = this.options;
    const stale = () => generation !== this.generation;

    this.figures.setAttribute('aria-busy', 'true');
    if (!this.figures.firstChild) replaceChildren(this.figures, loading('Loading figures…'));
    if (this.seriesFor !== region) replaceChildren(this.recent, loading('Loading recent changes…'));
    // All three requests start now; each is awaited (and its failure shown) where it is used.
    const seriesPromise = api.series(region);
    const statsPromise = api.stats(date, region);
    const recentFrom = this.recentFrom(date);
    const recentPromise = recentFrom ? api.diff(recentFrom, date, region) : Promise.resolve(null);
    for (const p of [statsPromise, recentPromise]) p.catch(() => undefined); // handled below, maybe after a return

    // The chart needs only the series; it shows as soon as that arrives, whatever stats does.
    const series = await seriesPromise.catch((e: unknown) => {
      if (!stale()) replaceChildren(this.chartError, errorMessage(e));
      return null;
    });
    if (stale()) return;
    if (series) {
      replaceChildren(this.chartError);
      if (this.seriesFor !== region) {
        this.chart.setRows(series.rows);
        this.seriesFor = region;
      }
      this.chart.mark(date);
    }

    try {
      const stats = await statsPromise;
      if (stale()) return;
      replaceChildren(this.figures, ...renderFigures(stats, series, date));
    } catch (e) {
      if (!stale()) {
        this.date = null; // let the next update retry
        replaceChildren(this.figures, errorMessage(e));
      }
    } finally {
      if (!stale()) this.figures.removeAttribute('aria-busy');
    }

    try {
      const recent = await recentPromise;
      if (!stale()) replaceChildren(this.recent, ...this.renderRecent(recent, date));
    } catch (e) {
      if (!stale()) replaceChildren(this.recent, el('h3', {}, 'Recent changes'), errorMessage(e));
    }
  }

  destroy(): void { this.chart.destroy(); }

  private recentFrom(date: string): string | null {
    const first = this.options.dates[0];
    const from = addDays(date, -RECENT_DAYS);
    if (date <= first) return null;
    return from < first ? first : from;
  }

  private renderRecent(diff: Diff | null, date: string): Child[] {
    const title = el('h3', {}, `Settlements that changed status in the last ${RECENT_DAYS} days`);
    if (!diff) return [title, el('p', { class: 'empty' }, 'No earlier map version to compare with.')];
    if (diff.settlements.length === 0) return [title, el('p', { class: 'empty' }, `None between ${diff.from.date} and ${date}.`)];
    const shown = diff.settlements.slice(0, SHOWN_CHANGES);
    return [
      title,
      el('ul', { class: 'change-list' }, ...shown.map((s) => {
        const link = el('button', { type: 'button', class: 'link' }, s.name);
        link.addEventListener('click', () => this.options.onPlace(s.code));
        return el('li', {}, link, ' ', statusChange(s.from, s.to), s.population ? el('span', { class: 'muted' }, ` · pop. ${formatCount(s.population)}`) : null);
      })),
      diff.settlements.length > SHOWN_CHANGES ? el('p', { class: 'muted' }, `…and ${diff.settlements.length - SHOWN_CHANGES} more.`) : null,
    ];
  }
}

/** `series` gives the 7- and 30-day changes; without it those columns stay empty. */
function renderFigures(stats: Stats, series: Series | null, date: string): Node[] {
  const byDate = new Map((series?.rows ?? []).map((r) => [r.date, r.byStatus]));
  const before7 = byDate.get(addDays(date, -7)) ?? null;
  const before30 = byDate.get(addDays(date, -30)) ?? null;
  const table = el('table', { class: 'status-table' },
    el('caption', {}, `Area of ${stats.region.name} (${formatKm2(stats.region.areaKm2)})`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'km²'), el('th', { scope: 'col' }, 'Share'),
      el('th', { scope: 'col', title: 'change in km² over the last 7 days' }, '7 days'), el('th', { scope: 'col', title: 'change in km² over the last 30 days' }, '30 days'))),
    el('tbody', {}, ...ROWS.map(({ status, label, sub }) => {
      const figure = stats.byStatus[status];
      return el('tr', { class: sub ? 'sub' : '' },
        el('th', { scope: 'row' }, swatch(status), label),
        el('td', {}, formatCount(Math.round(figure.areaKm2))),
        el('td', { 'data-testid': `share-${status}`, 'data-value': String(figure.share) }, formatPercent(figure.share)),
        changeCell(stats.byStatus, before7, status),
        changeCell(stats.byStatus, before30, status),
      );
    })),
  );
  // Unlike the areas, settlement counts are disjoint: each settlement has exactly one status.
  const occupiedTotal = { count: stats.settlements.occupied.count + stats.settlements.occupiedBefore2022.count,
    population: stats.settlements.occupied.population + stats.settlements.occupiedBefore2022.population };
  const settlementRow = (status: SettlementStatus | null, label: string, figure: { count: number; population: number }, sub = false) =>
    el('tr', { class: sub ? 'sub' : '' }, el('th', { scope: 'row' }, status ? swatch(status) : null, label),
      el('td', {}, formatCount(figure.count)), el('td', {}, formatCount(figure.population)));
  const settlements = el('table', { class: 'settlement-table' },
    el('caption', {}, 'Settlements by status'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Settlements'), el('th', { scope: 'col' }, 'Population'))),
    el('tbody', {},
      settlementRow('occupied', 'Occupied', occupiedTotal),
      settlementRow(null, 'since 2022', stats.settlements.occupied, true),
      settlementRow(null, 'before 2022', stats.settlements.occupiedBefore2022, true),
      settlementRow('contested', 'Contested', stats.settlements.contested),
      settlementRow('liberated', 'Liberated', stats.settlements.liberated),
      settlementRow('ukraine', 'Held by Ukraine throughout', stats.settlements.ukraine)),
  );
  const asOf = el('p', { class: 'as-of' }, `${formatLongDate(date)} · map version of ${stats.version.validAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')}`);
  return [asOf, table, settlements];
}

function changeCell(now: ByStatus, before: ByStatus | null, status: AreaStatus): HTMLElement {
  if (!before) return el('td', { class: 'muted', title: 'no map version that far back' }, '—');
  const dKm2 = now[status].areaKm2 - before[status].areaKm2;
  const dShare = now[status].share - before[status].share;
  return el('td', { class: dKm2 > 0.05 ? 'up' : dKm2 < -0.05 ? 'down' : '', title: `${formatSignedKm2(dKm2)}, ${formatSignedPoints(dShare)} of the region` },
    formatSignedCount(dKm2), el('br'), el('small', {}, formatSignedPoints(dShare)));
}

function swatch(status: AreaStatus): HTMLElement | null {
  const color = status === 'ukraine' ? '#f6f4ee' : STATUS_COLORS[status];
  return el('span', { class: 'swatch', style: `background:${color}`, 'aria-hidden': 'true' });
}

/** All regions in one select: the country, the oblasts, then each oblast's raions in a group. */
function regionSelect(regions: Region[]): HTMLSelectElement {
  const byName = (a: Region, b: Region) => a.name.localeCompare(b.name);
  const country = regions.filter((r) => r.level === 'country');
  const oblasts = regions.filter((r) => r.level === 'oblast').sort(byName);
  const select = el('select', { id: 'region-select' },
    ...country.map((r) => el('option', { value: r.code }, `${r.name} (whole country)`)),
    el('optgroup', { label: 'Oblasts' }, ...oblasts.map((r) => el('option', { value: r.code }, r.name))),
    ...oblasts.map((o) => {
      const raions = regions.filter((r) => r.level === 'raion' && r.parent === o.code).sort(byName);
      return raions.length ? el('optgroup', { label: `Raions of ${o.name}` }, ...raions.map((r) => el('option', { value: r.code }, r.name))) : null;
    }),
  );
  return select;
}
