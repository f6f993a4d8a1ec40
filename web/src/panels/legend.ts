/** The map key: control statuses, the two sides while a comparison or movement is shown, and the analysis layers that are on. */
import { el, replaceChildren } from '../dom';
import type { LayerName } from '../state';
import { ANALYSIS_COLORS, LEGEND, SIDE_COLORS, SIDE_LABELS, STATUS_COLORS, type Side } from '../statuses';

export interface LegendContent {
  comparing: boolean;
  layers: readonly LayerName[];
  whatif: boolean;
}

/** One entry of the key for an analysis layer: a line or an area. */
export interface AnalysisKey { color: string; label: string; line?: boolean; dashed?: boolean; alpha?: number }

export class Legend {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor() {
    this.list = el('ul', { class: 'legend-list' });
    this.element = el('section', { class: 'legend', 'aria-label': 'Legend' }, this.list);
    this.render({ comparing: false, layers: [], whatif: false });
  }

  /** The analysis entries of the key (also burnt into the PNG export). */
  static analysisItems({ comparing, layers, whatif }: LegendContent): AnalysisKey[] {
    const items: AnalysisKey[] = [];
    if (layers.includes('movement') && !comparing) for (const side of ['russia', 'ukraine'] as Side[]) items.push({ color: SIDE_COLORS[side], label: SIDE_LABELS[side], alpha: 0.75 });
    if (layers.includes('front')) items.push({ color: ANALYSIS_COLORS.front, label: 'Front line', line: true });
    if (layers.includes('salients')) {
      items.push({ color: SIDE_COLORS.russia, label: 'Russian-held salient', line: true }, { color: SIDE_COLORS.ukraine, label: 'Ukrainian-held salient', line: true },
        { color: ANALYSIS_COLORS.neck, label: 'Neck of a salient (width)', line: true, dashed: true });
    }
    if (whatif) {
      items.push({ color: ANALYSIS_COLORS.proposed, label: 'Proposed line', line: true, dashed: true }, { color: ANALYSIS_COLORS.replaced, label: 'Front it replaces', line: true },
        { color: ANALYSIS_COLORS.ceded, label: 'Ground ceded', alpha: 0.6 }, { color: ANALYSIS_COLORS.gained, label: 'Ground gained', alpha: 0.6 });
    }
    return items;
  }

  render(content: LegendContent): void {
    // Opacities close to the map's (the legend sits on white, the map on a light land colour).
    const items = LEGEND.map(({ status, label }) => item(STATUS_COLORS[status], label, content.comparing ? 0.3 : 0.65));
    if (content.comparing) {
      for (const side of ['russia', 'ukraine'] as Side[]) items.unshift(item(SIDE_COLORS[side], SIDE_LABELS[side], 0.9));
    }
    for (const a of Legend.analysisItems(content)) items.push(a.line ? line(a.color, a.label, a.dashed) : item(a.color, a.label, a.alpha ?? 0.9));
    replaceChildren(this.list, ...items);
  }
}

function item(color: string, label: string, opacity: number): HTMLElement {
  return el('li', {}, el('span', { class: 'swatch', style: `background:${color};opacity:${opacity}`, 'aria-hidden': 'true' }), label);
}

function line(color: string, label: string, dashed = false): HTMLElement {
  return el('li', {}, el('span', { class: `swatch-line${dashed ? ' dashed' : ''}`, style: `border-color:${color}`, 'aria-hidden': 'true' }), label);
}
