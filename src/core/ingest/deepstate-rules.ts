/**
 * Classifies DeepState map features by name, with the fill colour as the second signal.
 * The archive's naming drifts over three years (bilingual names, Ukrainian-only notes, dates in
 * names, corrupted characters), so a name decides when a rule matches it and the colour decides
 * otherwise; every feature decided by colour alone, or by nothing, is reported.
 */
import type { SourceStatus } from '../timeline/status.js';

export type FeatureClass = SourceStatus | 'outside';

export interface Classification {
  /** null when neither name nor colour says anything: the feature is reported and not used. */
  status: FeatureClass | null;
  /** Which signal decided. */
  by: 'name' | 'colour' | 'none';
  rule: string;
}

interface NameRule { id: string; pattern: RegExp; status: FeatureClass | 'by-colour' }

/** Order matters: the first match wins. Each pattern matches the lower-cased full name. */
export const NAME_RULES: readonly NameRule[] = [
  // Occupied territories of other countries that DeepState also draws (Transnistria, Abkhazia, …).
  { id: 'outside-ukraine', pattern: /придністров|transnistr|абхаз|петсамо|салла|печорськ|цхінвал|латві|естоні|пруссі|прусі|карелі|курильськ|geojson\.status\.other_countries/, status: 'outside' },
  { id: 'crimea', pattern: /крим|crimea/, status: 'occupiedBefore2022' },
  { id: 'ordlo', pattern: /ордло|cadr|calr|ordlo/, status: 'occupiedBefore2022' },
  { id: 'tuzla', pattern: /тузла|tuzla/, status: 'occupiedBefore2022' },
  // Snake Island changed hands in 2022: the colour tells its status on each date.
  { id: 'snake-island', pattern: /зміїний|snake island/, status: 'by-colour' },
  { id: 'contested', pattern: /під питанням|contested|сіра зона|gr[ae]y zone|ситуація невідома|статус невідомий|unknown status|status\.unknown|невідомо|повідомляється/, status: 'contested' },
  { id: 'liberated', pattern: /звільнен|liberated|status\.dismissed|під контролем зсу|відбиті|ворога відкинуто|орки відсутні/, status: 'liberated' },
  { id: 'occupied', pattern: /окупован|occupied|захоплено|зайняті ворогом|status\.occupied/, status: 'occupied' },
];

/** Fill colours of DeepState's KML styles (`#poly-A52714-1200-77-nodesc`). */
export const COLOUR_RULES: Readonly<Record<string, FeatureClass>> = {
  A52714: 'occupied',
  BCAAA4: 'contested',
  BDBDBD: 'contested',
  '757575': 'contested',
  '0F9D58': 'liberated',
  '0288D1': 'liberated',
  '01579B': 'liberated',
  '000000': 'occupiedBefore2022',
  '880E4F': 'occupiedBefore2022',
  FF5252: 'outside',
};

export function fillColour(styleUrl: unknown): string | null {
  if (typeof styleUrl !== 'string') return null;
  const m = /#poly-([0-9A-Fa-f]{6})-/.exec(styleUrl);
  return m ? m[1].toUpperCase() : null;
}

/** Classifies one polygon feature from its `name` and `styleUrl` properties. */
export function classifyPolygon(name: unknown, styleUrl: unknown): Classification {
  const text = typeof name === 'string' ? name.toLowerCase().replace(/\s+/g, ' ') : '';
  const colour = fillColour(styleUrl);
  const byColour = colour ? COLOUR_RULES[colour] : undefined;
  for (const rule of NAME_RULES) {
    if (!rule.pattern.test(text)) continue;
    if (rule.status !== 'by-colour') return { status: rule.status, by: 'name', rule: rule.id };
    return byColour
      ? { status: byColour, by: 'colour', rule: `${rule.id}:${colour}` }
      : { status: null, by: 'none', rule: rule.id };
  }
  if (byColour) return { status: byColour, by: 'colour', rule: `colour:${colour}` };
  return { status: null, by: 'none', rule: 'no-rule' };
}

export type AnnotationKind = 'attack-direction' | 'unit' | 'other';

/** Point features: directions of attack, unit positions and other markers. */
export function classifyPoint(name: unknown): AnnotationKind {
  const text = typeof name === 'string' ? name.toLowerCase() : '';
  if (/напрямок удару|direction of attack|attack_direction/.test(text)) return 'attack-direction';
  if (/армі|army|бригад|brigade|полк|regiment|дивізі|division|units|шторм|storm|формуван|formations|camp|табір|вагнер|wagner|кадиров|kadyrov|корпус|corps/.test(text)) return 'unit';
  return 'other';
}
