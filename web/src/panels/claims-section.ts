/**
 * Part of the region panel while the claims layer is on: the km² each claimant claims in the region
 * on the date (`/claims/stats`), shown only when there are claims, and apart from the assessed figures.
 */
import type { Api, ClaimStats } from '../api';
import { el, replaceChildren, type Child } from '../dom';
import { formatKm2 } from '../format';
import { claimantName } from '../items';
import { errorMessage } from './common';

const STATUS_WORDS: Record<string, string> = { occupied: 'claimed as taken', contested: 'claimed as contested', ukraine: 'claimed as held by Ukraine' };

export class ClaimsSection {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private enabled = false;
  private region: string | null = null;
  private date: string | null = null;
  private key: string | null = null;
  private generation = 0;

  constructor(private readonly api: Api) {
    this.body = el('div');
    this.element = el('section', { class: 'region-claims', 'aria-live': 'polite', hidden: '' }, el('h3', {}, 'Claims'), this.body);
  }

  /** The section loads only while the claims layer is on, and shows only when the region has claims. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.element.hidden = true;
    if (enabled && this.region && this.date) void this.update(this.region, this.date);
  }

  async update(region: string, date: string): Promise<void> {
    this.region = region;
    this.date = date;
    const key = `${region}@${date}`;
    if (!this.enabled || key === this.key) return;
    this.key = key;
    const generation = ++this.generation;
    try {
      const stats = await this.api.claimStats(date, region);
      if (generation !== this.generation) return;
      const rows = render(stats);
      this.element.hidden = rows.length === 0;
      replaceChildren(this.body, ...rows);
    } catch (e) {
      if (generation !== this.generation) return;
      this.key = null;
      this.element.hidden = false;
      replaceChildren(this.body, errorMessage(e));
    }
  }
}

function render(stats: ClaimStats): Child[] {
  const items = stats.byClaimant.flatMap((c) => Object.entries(c.byStatus).filter(([, km2]) => km2 > 0)
    .map(([status, km2]) => el('li', { 'data-claimant': c.claimant, 'data-status': status, 'data-km2': String(km2) },
      el('strong', {}, claimantName(c.claimant)), ` ${STATUS_WORDS[status] ?? status}: `, formatKm2(km2))));
  if (!items.length) return [];
  return [el('ul', { class: 'claims-list' }, ...items), el('p', { class: 'hint' }, `In ${stats.region.name}; counted separately in the statistics (not part of the assessed figures above).`)];
}
