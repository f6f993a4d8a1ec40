/**
 * The side panel frame: a title, a close button and one panel's content at a time. On a phone it
 * is a bottom sheet that collapses to its title bar so the map stays usable.
 */
import { el, replaceChildren } from '../dom';

export class PanelHost {
  readonly element: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly body: HTMLElement;
  private readonly collapse: HTMLButtonElement;
  private onClose: (() => void) | null = null;

  constructor() {
    this.title = el('h2', { class: 'panel-title', id: 'panel-title', tabindex: '-1' });
    this.collapse = el('button', { type: 'button', class: 'panel-collapse', 'aria-expanded': 'true', 'aria-controls': 'panel-body', title: 'Collapse panel' }, '▾');
    const close = el('button', { type: 'button', class: 'panel-close', 'aria-label': 'Close panel', title: 'Close (Esc)' }, '✕');
    this.body = el('div', { class: 'panel-body', id: 'panel-body' });
    this.element = el('aside', { class: 'panel', 'aria-labelledby': 'panel-title', hidden: '' },
      el('header', { class: 'panel-header' }, this.title, this.collapse, close),
      this.body,
    );
    close.addEventListener('click', () => this.onClose?.());
    this.collapse.addEventListener('click', () => this.setCollapsed(!this.element.classList.contains('collapsed')));
    this.element.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.onClose?.(); });
  }

  /** Shows `content` under `title`; `onClose` runs when the user closes the panel. */
  open(name: string, title: string, content: HTMLElement, onClose: () => void, focus = false): void {
    this.element.hidden = false;
    document.body.classList.add('panel-open');
    this.element.dataset.panel = name;
    this.title.textContent = title;
    replaceChildren(this.body, content);
    this.onClose = onClose;
    this.setCollapsed(false);
    if (focus) this.title.focus();
  }

  setTitle(title: string): void { this.title.textContent = title; }

  close(): void {
    this.element.hidden = true;
    document.body.classList.remove('panel-open');
    delete this.element.dataset.panel;
    replaceChildren(this.body);
    this.onClose = null;
  }

  get openPanel(): string | null { return this.element.hidden ? null : this.element.dataset.panel ?? null; }

  private setCollapsed(collapsed: boolean) {
    this.element.classList.toggle('collapsed', collapsed);
    this.collapse.setAttribute('aria-expanded', String(!collapsed));
    this.collapse.textContent = collapsed ? '▴' : '▾';
    this.collapse.title = collapsed ? 'Expand panel' : 'Collapse panel';
  }
}
