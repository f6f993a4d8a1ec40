/** Small pieces shared by the panels: loading and error placeholders, a status-change label. */
import { ApiError, type SettlementStatus } from '../api';
import { el } from '../dom';
import { gainingSide, SIDE_COLORS, STATUS_LABELS } from '../statuses';

export const loading = (text: string): HTMLElement => el('p', { class: 'loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), text);

export function errorMessage(e: unknown): HTMLElement {
  const text = e instanceof ApiError ? (e.status === 404 ? `Not available: ${e.message}` : e.message) : String(e);
  return el('p', { class: 'error', role: 'alert' }, text);
}

const SHORT: Record<SettlementStatus, string> = { ...STATUS_LABELS, occupied: 'occupied', occupiedBefore2022: 'occupied before 2022', contested: 'contested', ukraine: 'Ukrainian', liberated: 'liberated' };

/** "Ukrainian → occupied", coloured by the side that gained. */
export function statusChange(from: SettlementStatus, to: SettlementStatus): HTMLElement {
  const side = gainingSide(from, to);
  return el('span', { class: `status-change side-${side}`, style: `color:${SIDE_COLORS[side]}` }, `${SHORT[from]} → ${SHORT[to]}`);
}

export const statusWord = (s: SettlementStatus): string => SHORT[s];
