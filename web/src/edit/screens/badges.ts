/** Small labels shared by the screens: a draft's status, a change's status. */
import { el } from '../../dom';

const DRAFT_STATUS: Record<string, string> = { open: 'Open', submitted: 'Submitted', rejected: 'Rejected', approved: 'Approved', published: 'Published' };

export const statusBadge = (status: string): HTMLElement => el('span', { class: `badge badge-${status}` }, DRAFT_STATUS[status] ?? status);

export const CHANGE_STATUS_LABELS: Record<string, string> = { occupied: 'Occupied', contested: 'Contested', ukraine: 'Held by Ukraine' };
