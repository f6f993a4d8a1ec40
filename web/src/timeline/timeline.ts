/**
 * The timeline: a slider over the archive's version dates, play/pause, previous/next, a date picker
 * and keyboard steps (←/→ one version, Shift+←/→ a week). It owns no date itself: it reports the
 * date the user asked for and shows whatever date the viewer settles on.
 */
import { addDays, formatLongDate, isIsoDate, snapToVersion, versionIndexOn } from '../dates';
import { el } from '../dom';

export interface TimelineMark { date: string; title: string }

export interface TimelineOptions {
  dates: string[];
  onDate: (date: string) => void;
  /** Resolves at the map's next idle: play waits for it so no version is skipped unseen. */
  drawn: () => Promise<void>;
}

/** Play shows each version at least this long, and waits for its tiles at most PLAY_MAX_WAIT_MS. */
const PLAY_MIN_FRAME_MS = 350;
const PLAY_MAX_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Timeline {
  readonly element: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly picker: HTMLInputElement;
  private readonly current: HTMLOutputElement;
  private readonly playButton: HTMLButtonElement;
  private readonly busy: HTMLElement;
  private date: string;
  private playing = false;
  /** Identifies the current play loop, so a quick pause + play never runs two loops. */
  private playRun = 0;
  private years: HTMLElement;
  /** Marks of the team's versions on the track (buttons: a click goes to that version). */
  private readonly marks: HTMLElement;
  private markList: readonly TimelineMark[] = [];

  constructor(private readonly options: TimelineOptions) {
    const { dates } = options;
    this.date = dates[dates.length - 1];
    this.playButton = el('button', { type: 'button', class: 'tl-play', 'aria-pressed': 'false', title: 'Play (space when the slider has focus)' }, '▶ Play');
    const prev = el('button', { type: 'button', class: 'tl-step', 'aria-label': 'Previous map version', title: 'Previous version (←)' }, '‹');
    const next = el('button', { type: 'button', class: 'tl-step', 'aria-label': 'Next map version', title: 'Next version (→)' }, '›');
    this.slider = el('input', {
      type: 'range', class: 'tl-slider', id: 'timeline-slider', min: '0', max: String(dates.length - 1), step: '1',
      'aria-label': 'Map date (← → one version, Shift+← → one week)',
    });
    this.current = el('output', { class: 'tl-current', 'aria-live': 'polite', for: 'timeline-slider' });
    this.picker = el('input', { type: 'date', class: 'tl-picker', id: 'timeline-date', min: dates[0], max: dates[dates.length - 1] });
    this.busy = el('span', { class: 'tl-busy', role: 'status' });
    const pickerLabel = el('label', { class: 'tl-picker-label', for: 'timeline-date' }, 'Go to date');
    const years = el('div', { class: 'tl-years', 'aria-hidden': 'true' }, ...yearTicks(dates));
    this.years = years;
    this.element = el('div', { class: 'timeline', role: 'group', 'aria-label': 'Timeline' },
      el('div', { class: 'tl-controls' }, this.playButton, prev, next),
      el('div', { class: 'tl-track' }, this.slider, years, this.marks = el('div', { class: 'tl-marks' })),
      el('div', { class: 'tl-date' }, this.current, el('span', { class: 'tl-pick' }, pickerLabel, this.picker), this.busy),
    );

    // Any manual move stops playback: the user has taken over the timeline.
    this.slider.addEventListener('input', () => { this.pause(); this.request(dates[Number(this.slider.value)]); });
    this.slider.addEventListener('keydown', (e) => this.onKey(e));
    this.picker.addEventListener('change', () => { if (isIsoDate(this.picker.value)) { this.pause(); this.request(this.picker.value); } });
    prev.addEventListener('click', () => { this.pause(); this.step(-1); });
    next.addEventListener('click', () => { this.pause(); this.step(+1); });
    this.playButton.addEventListener('click', () => (this.playing ? this.pause() : void this.play()));
    document.addEventListener('keydown', (e) => { if (!isTypingTarget(e.target)) this.onKey(e); });
    this.show(this.date);
  }

  /** Reflects the viewer's date (after snapping) in every control. */
  show(date: string): void {
    this.date = date;
    const i = versionIndexOn(this.options.dates, date);
    this.slider.value = String(i);
    const long = formatLongDate(date);
    this.slider.setAttribute('aria-valuetext', long);
    this.current.textContent = long;
    this.current.dataset.date = date;
    this.picker.value = date;
  }

  /** A version was published (server-sent event): the timeline gains its date without a reload. */
  setDates(next: string[]): void {
    if (next.length === 0) return;
    this.options.dates.splice(0, this.options.dates.length, ...next);
    this.slider.max = String(next.length - 1);
    this.picker.min = next[0];
    this.picker.max = next[next.length - 1];
    this.years.replaceChildren(...yearTicks(next));
    this.setMarks(this.markList);
    this.show(this.date);
  }

  /** Marks versions on the track (the team's, with their changelog's `what` as the tooltip). */
  setMarks(marks: readonly TimelineMark[]): void {
    this.markList = marks;
    const { dates } = this.options;
    this.marks.replaceChildren(...marks.map((m) => {
      const i = versionIndexOn(dates, m.date);
      const left = dates.length > 1 ? (i / (dates.length - 1)) * 100 : 0;
      const label = `Team update, ${formatLongDate(m.date)}: ${m.title}`;
      const mark = el('button', { type: 'button', class: 'tl-mark', style: `left:${left.toFixed(2)}%`, title: label, 'aria-label': label, 'data-date': m.date }, '▲');
      mark.addEventListener('click', () => { this.pause(); this.request(m.date); });
      return mark;
    }));
  }

  /** "Loading map…" while tiles load, so a slow step is not mistaken for a broken one. */
  setBusy(busy: boolean): void {
    this.busy.textContent = busy ? 'Loading map…' : '';
  }

  /** One version forward or back. */
  step(delta: number): void {
    const { dates } = this.options;
    const i = Math.min(dates.length - 1, Math.max(0, versionIndexOn(dates, this.date) + delta));
    this.request(dates[i]);
  }

  /** A week forward or back, landing on the version in force then (at least one version away). */
  stepWeek(direction: 1 | -1): void {
    const { dates } = this.options;
    const target = snapToVersion(dates, addDays(this.date, 7 * direction));
    if (target === this.date) this.step(direction);
    else this.request(target);
  }

  async play(): Promise<void> {
    const { dates } = this.options;
    if (versionIndexOn(dates, this.date) >= dates.length - 1) this.request(dates[0]);
    this.playing = true;
    const run = ++this.playRun;
    this.playButton.setAttribute('aria-pressed', 'true');
    this.playButton.textContent = '❚❚ Pause';
    // A screen reader announcing every frame would drown the user: announce only when stopped.
    this.current.setAttribute('aria-live', 'off');
    while (this.playing && run === this.playRun && versionIndexOn(dates, this.date) < dates.length - 1) {
      // Ask for the next idle before stepping, so it is the idle of the new date's tiles.
      const drawn = Promise.race([this.options.drawn(), sleep(PLAY_MAX_WAIT_MS)]);
      this.step(+1);
      await Promise.all([sleep(PLAY_MIN_FRAME_MS), drawn]);
    }
    if (run === this.playRun) this.pause();
  }

  pause(): void {
    this.playing = false;
    this.current.setAttribute('aria-live', 'polite');
    this.playButton.setAttribute('aria-pressed', 'false');
    this.playButton.textContent = '▶ Play';
  }

  private request(date: string) {
    const snapped = snapToVersion(this.options.dates, date);
    this.show(snapped);
    this.options.onDate(snapped);
  }

  private onKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') {
      if (e.key === ' ' && e.target === this.slider) { e.preventDefault(); this.playing ? this.pause() : void this.play(); }
      return;
    }
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.pause();
    const direction = e.key === 'ArrowRight' ? 1 : -1;
    if (e.shiftKey) this.stepWeek(direction);
    else this.step(direction);
  }
}

/** Arrow keys belong to text fields, selects and the map canvas (panning) when they have focus. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.classList.contains('tl-slider')) return true; // handled by its own listener
  if (target.closest('.maplibregl-canvas-container, .maplibregl-map canvas')) return true;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

/** Year labels placed along the slider at their share of the version list. */
function yearTicks(dates: string[]): HTMLElement[] {
  const ticks: HTMLElement[] = [];
  let lastYear = '';
  dates.forEach((d, i) => {
    const year = d.slice(0, 4);
    if (year === lastYear) return;
    lastYear = year;
    const left = dates.length > 1 ? (i / (dates.length - 1)) * 100 : 0;
    if (left > 95) return;
    ticks.push(el('span', { class: 'tl-year', style: `left:${left.toFixed(2)}%` }, year));
  });
  return ticks;
}
