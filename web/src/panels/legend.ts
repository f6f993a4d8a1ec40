/** The map key: control statuses, plus the two sides while a comparison is shown. */
import { el, replaceChildren } from '../dom';
import { LEGEND, SIDE_COLORS, SIDE_LABELS, STATUS_COLORS, type Side } from '../statuses';

export class Legend {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor() {
    this.list = el('ul', { class: 'legend-list' });
    this.element = el('section', { class: 'legend', 'aria-label': 'Legend' }, this.list);
    this.render(false);
  }

  render(comparing: boolean): void {
    // Opacities close to the map's (the legend sits on white, the map on a light land colour).
    const items = LEGEND.map(({ status, label }) => item(STATUS_COLORS[status], label, comparing ? 0.3 : 0.65));
    if (comparing) {
      for (const side of ['russia', 'ukraine'] as Side[]) items.unshift(item(SIDE_COLORS[side], SIDE_LABELS[side], 0.9));
    }
    replaceChildren(this.list, ...items);
  }
}

function item(color: string, label: string, opacity: number): HTMLElement {
  return el('li', {}, el('span', { class: 'swatch', style: `background:${color};opacity:${opacity}`, 'aria-hidden': 'true' }), label);
}
