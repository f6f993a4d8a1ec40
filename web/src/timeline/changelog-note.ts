/**
 * Under the timeline: the team's changelog entry (what, why, sources) of the version in force on the
 * map date, when that version is the team's own. A <details> element, so it opens from the keyboard
 * (Tab to it, Enter or Space) and screen readers announce it as a disclosure.
 */
import type { Version } from '../api';
import { formatLongDate } from '../dates';
import { el, replaceChildren } from '../dom';
import { teamChangelog, versionInForce } from './changelog';

export class ChangelogNote {
  readonly element: HTMLDetailsElement;
  private versions: readonly Version[] = [];
  private date: string | null = null;
  private shownVersion: number | null = null;

  constructor() {
    this.element = el('details', { class: 'tl-changelog', 'data-testid': 'changelog', hidden: '' });
  }

  setVersions(versions: readonly Version[]): void {
    this.versions = versions;
    this.shownVersion = null;
    if (this.date) this.show(this.date);
  }

  show(date: string): void {
    this.date = date;
    const version = versionInForce(this.versions, date);
    const changelog = teamChangelog(version);
    this.element.hidden = !changelog;
    if (!changelog || !version) return;
    if (version.id === this.shownVersion) return;
    this.shownVersion = version.id;
    // A new entry starts closed: an open one would push the map up on every step of the slider.
    this.element.open = false;
    this.element.dataset.version = String(version.id);
    replaceChildren(this.element,
      el('summary', {}, el('strong', {}, 'Team update'), ` (${formatLongDate(version.validAt.slice(0, 10))}): ${changelog.what}`),
      changelog.why ? el('p', { class: 'changelog-why' }, el('span', { class: 'muted' }, 'Why: '), changelog.why) : null,
      changelog.sources.length
        ? el('ul', { class: 'source-list' }, ...changelog.sources.map((url) => el('li', {}, el('a', { href: url, target: '_blank', rel: 'noopener' }, url))))
        : el('p', { class: 'muted' }, 'No source listed.'),
    );
  }
}
