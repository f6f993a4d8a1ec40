/**
 * Part of the region panel while the salients layer is on: the region's salients on the date,
 * ranked (km² per km of neck), with side, area, neck width and its 7/30-day change, and the main
 * settlements. Clicking one flies the map to it.
 */
import type { Api, Salient, Salients } from '../api';
import { bboxOf, type BBox } from '../geo';
import { el, replaceChildren, type Child } from '../dom';
import { formatKm, formatKm2, formatSignedKm } from '../format';
import { SIDE_COLORS, type Side } from '../statuses';
import { errorMessage, loading } from './common';

const SHOWN_SETTLEMENTS = 4;
const HELD_BY: Record<Side, string> = { russia: 'Russian-held', ukraine: 'Ukrainian-held' };

export interface SalientsSectionOptions {
  api: Api;
  onFly: (bbox: BBox) => void;
}

export class SalientsSection {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private enabled = false;
  private region: string | null = null;
  private date: string | null = null;
  private key: string | null = null;
  private generation = 0;

  constructor(private readonly options: SalientsSectionOptions) {
    this.body = el('div');
    this.element = el('section', { class: 'region-salients', 'aria-live': 'polite', hidden: '' }, el('h3', {}, 'Salients'), this.body);
  }

  /** The section shows (and loads) only while the salients layer is on. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.element.hidden = !enabled;
    if (enabled && this.region && this.date) void this.update(this.region, this.date);
  }

  async update(region: string, date: string): Promise<void> {
    this.region = region;
    this.date = date;
    const key = `${region}@${date}`;
    if (!this.enabled || key === this.key) return;
    this.key = key;
    const generation = ++this.generation;
    replaceChildren(this.body, loading(region === 'UA' ? 'Finding salients along the whole front (a few seconds)…' : 'Finding salients…'));
    try {
      const salients = await this.options.api.salients(date, region);
      if (generation === this.generation) replaceChildren(this.body, ...this.render(salients));
    } catch (e) {
      if (generation === this.generation) { this.key = null; replaceChildren(this.body, errorMessage(e)); }
    }
  }

  private render(r: Salients): Child[] {
    if (r.salients.length === 0) return [el('p', { class: 'empty' }, `No salient in ${r.region.name} on this date.`)];
    const items = r.salients.map((s) => {
      const side = s.side as Side;
      const link = el('button', { type: 'button', class: 'link salient-link' }, `#${s.rank} ${HELD_BY[side] ?? s.side}`);
      link.addEventListener('click', () => void this.fly(r, s));
      const names = s.settlements.slice(0, SHOWN_SETTLEMENTS).map((x) => x.name).join(', ');
      const more = s.settlementCount > SHOWN_SETTLEMENTS ? ` and ${s.settlementCount - SHOWN_SETTLEMENTS} more` : '';
      return el('li', { 'data-rank': String(s.rank), 'data-side': s.side, 'data-neck-km': String(s.neckWidthKm), 'data-area-km2': String(s.areaKm2) },
        el('span', { class: 'swatch', style: `background:${SIDE_COLORS[side] ?? '#777'}`, 'aria-hidden': 'true' }), link,
        el('span', { class: 'salient-figures' }, ` ${formatKm2(s.areaKm2)} · neck `, el('strong', { class: 'neck' }, formatKm(s.neckWidthKm)),
          el('span', { class: 'muted', title: 'change of the neck width over 7 and 30 days (negative: narrower)' },
            ` (7 days ${formatSignedKm(s.neckChange7dKm)}, 30 days ${formatSignedKm(s.neckChange30dKm)})`)),
        names ? el('div', { class: 'muted salient-places' }, `${names}${more}`) : null);
    });
    return [
      el('ol', { class: 'salient-list' }, ...items),
      el('p', { class: 'hint' }, 'Ranked by km² per km of neck. The dashed line on the map is the neck, labelled with its width.'),
    ];
  }

  /** The salient's polygon comes from the GeoJSON the map already loaded (same URL, so cached). */
  private async fly(r: Salients, s: Salient) {
    const fc = await this.options.api.salientsGeoJSON(r.date, r.region.code).catch(() => null);
    const polygon = fc?.features.filter((f) => f.properties?.kind === 'salient' && f.properties?.rank === s.rank) ?? [];
    const box = bboxOf(polygon) ?? bboxOf([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[s.neck.from.lon, s.neck.from.lat], [s.neck.to.lon, s.neck.to.lat]] } }]);
    if (box) this.options.onFly(box);
  }
}
