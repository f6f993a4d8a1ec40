/** The error banner: one visible, announced message when the API or the tiles fail, with a retry. */
import { el } from '../dom';

export class Banner {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly retry: HTMLButtonElement;
  private retryAction: (() => void) | null = null;

  constructor() {
    this.text = el('span', { class: 'banner-text' });
    this.retry = el('button', { type: 'button', class: 'banner-retry' }, 'Retry');
    const dismiss = el('button', { type: 'button', class: 'banner-dismiss', 'aria-label': 'Dismiss message' }, '✕');
    this.element = el('div', { class: 'banner', role: 'alert', hidden: '' }, this.text, this.retry, dismiss);
    this.retry.addEventListener('click', () => { const action = this.retryAction; this.hide(); action?.(); });
    dismiss.addEventListener('click', () => this.hide());
  }

  show(message: string, retry?: () => void): void {
    this.text.textContent = message;
    this.retryAction = retry ?? null;
    this.retry.hidden = !retry;
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
    this.retryAction = null;
  }
}
