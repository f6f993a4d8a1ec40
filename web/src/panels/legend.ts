/** The map key: control statuses, the two sides while a comparison or movement is shown, and the analysis layers that are on. */
import { el, replaceChildren } from '../dom';
import type { LayerName } from '../state';
import { ANALYSIS_COLORS, LEGEND, SIDE_COLORS, SIDE_LABELS, STATUS_COLORS, type Side } from '../statuses';

export interface LegendContent {
  comparing: boolean;
  layers: readonly LayerName[];
  whatif: boolean;
}

export class Legend {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor() {
    this.list = el('ul', { class: 'legend-list' });
    this.element = el('section', { class: 'legend', 'aria-label': 'Legend' }, this.list);
    this.render({ comparing: false, layers: [], whatif: false });
  }

  render({ comparing, layers, whatif }: LegendContent): void {
    // Opacities close to the map's (the legend sits on white, the map on a light land colour).
    const items = LEGEND.map(({ status, label }) => item(STATUS_COLORS[status], label, comparing ? 0.3 : 0.65));
    if (comparing || layers.includes('movement')) {
      for (const side of ['russia', 'ukraine'] as Side[]) items.unshift(item(SIDE_COLORS[side], SIDE_LABELS[side], 0.9));
    }
    if (layers.includes('front')) items.push(line(ANALYSIS_COLORS.front, 'Front line'));
    if (layers.includes('salients')) {
      items.push(line(SIDE_COLORS.russia, 'Russian-held salient'), line(SIDE_COLORS.ukraine, 'Ukrainian-held salient'),
        line(ANALYSIS_COLORS.neck, 'Neck of a salient (width)', true));
    }
    if (whatif) {
      items.push(line(ANALYSIS_COLORS.proposed, 'Proposed line', true), line(ANALYSIS_COLORS.replaced, 'Front it replaces'),
        item(ANALYSIS_COLORS.ceded, 'Ground ceded', 0.6), item(ANALYSIS_COLORS.gained, 'Ground gained', 0.6));
    }
    replaceChildren(this.list, ...items);
  }
}

function item(color: string, label: string, opacity: number): HTMLElement {
  return el('li', {}, el('span', { class: 'swatch', style: `background:${color};opacity:${opacity}`, 'aria-hidden': 'true' }), label);
}

function line(color: string, label: string, dashed = false): HTMLElement {
  return el('li', {}, el('span', { class: `swatch-line${dashed ? ' dashed' : ''}`, style: `border-color:${color}`, 'aria-hidden': 'true' }), label);
}
