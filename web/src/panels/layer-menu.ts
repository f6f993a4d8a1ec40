/** Switches for the layers drawn over the map (front line, salients, last week's movement, events, units, claims). */
import { el } from '../dom';
import type { LayerName } from '../state';

const LABELS: Record<LayerName, { label: string; title: string }> = {
  front: { label: 'Front line', title: 'The line where Russian-held ground meets Ukrainian-held ground on the map date' },
  salients: { label: 'Salients', title: 'Salients of the selected region (or the country) with their necks; listed in the region panel' },
  movement: { label: 'Movement (7 days)', title: 'Ground each side gained in the 7 days up to the map date, with the depth of the largest advance' },
  events: { label: 'Events (7 days)', title: 'Events and attack directions the team published for the 7 days up to the map date; click one for its sources' },
  units: { label: 'Units (7 days)', title: 'Where the team placed units in the 7 days up to the map date, to within the grid it publishes on; click one for its sources' },
  claims: { label: 'Claims', title: 'What each party claims on the map date (hatched), apart from assessed control and counted separately' },
};

export class LayerMenu {
  readonly element: HTMLElement;
  private readonly boxes = new Map<LayerName, HTMLInputElement>();

  constructor(onToggle: (layer: LayerName, on: boolean) => void) {
    this.element = el('fieldset', { class: 'layer-menu' }, el('legend', { class: 'visually-hidden' }, 'Analysis layers'),
      ...(Object.keys(LABELS) as LayerName[]).map((layer) => {
        const box = el('input', { type: 'checkbox', id: `layer-${layer}` });
        box.addEventListener('change', () => onToggle(layer, box.checked));
        this.boxes.set(layer, box);
        return el('label', { for: `layer-${layer}`, title: LABELS[layer].title }, box, LABELS[layer].label);
      }));
  }

  show(layers: readonly LayerName[]): void {
    for (const [layer, box] of this.boxes) box.checked = layers.includes(layer);
  }
}
