/**
 * A button for a decision that must be explained (release a held version, lift an embargo): it
 * opens a small inline form with a required reason, since the reason goes to the audit log.
 */
import { el, replaceChildren } from '../../dom';
import { busyWhile, field, Outcome, textarea } from '../forms';

export function reasonButton(label: string, what: string, act: (reason: string, outcome: Outcome) => Promise<void>, attrs: Record<string, string> = {}): HTMLElement {
  const slot = el('div', { class: 'reason-slot' });
  const open = el('button', { type: 'button', class: 'secondary', ...attrs }, label);
  open.addEventListener('click', () => {
    const reason = textarea('reason', { required: '', maxlength: '2000', rows: '2' });
    const outcome = new Outcome();
    const cancel = el('button', { type: 'button', class: 'link' }, 'Cancel');
    const form = el('form', { class: 'reason-form', 'aria-label': `${label}: reason` },
      field(`Reason (${what}; kept in the audit log)`, reason),
      el('div', { class: 'button-row' }, el('button', { type: 'submit', class: 'primary' }, `Confirm: ${label.toLowerCase()}`), cancel), outcome.element);
    cancel.addEventListener('click', () => replaceChildren(slot, open));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void busyWhile(form, outcome, 'Working…', () => act(reason.value.trim(), outcome));
    });
    replaceChildren(slot, form);
    reason.focus();
  });
  slot.append(open);
  return slot;
}
