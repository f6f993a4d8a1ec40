/**
 * The occupied share of a region over the whole archive (uPlot), with the map date marked by a
 * vertical line. Clicking the chart moves the map to that date.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesRow } from '../api';
import { fromUnixSeconds, toUnixSeconds } from '../dates';
import { el } from '../dom';
import { STATUS_COLORS } from '../statuses';

const HEIGHT = 180;

export class ShareChart {
  readonly element: HTMLElement;
  private plot: uPlot | null = null;
  private marked: number | null = null;
  private resizeObserver: ResizeObserver;

  constructor(private readonly onPick: (date: string) => void) {
    this.element = el('figure', { class: 'share-chart', 'aria-label': 'Occupied share over time' });
    this.resizeObserver = new ResizeObserver(() => {
      const width = this.width();
      if (this.plot && width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
    });
    this.resizeObserver.observe(this.element);
  }

  /** Draws the series; rows without a version yet (before the archive starts) are gaps. */
  setRows(rows: SeriesRow[]): void {
    const xs = rows.map((r) => toUnixSeconds(r.date));
    const occupied = rows.map((r) => (r.byStatus ? r.byStatus.occupied.share * 100 : null));
    const contested = rows.map((r) => (r.byStatus ? r.byStatus.contested.share * 100 : null));
    this.plot?.destroy();
    const pct = (_u: uPlot, v: number | null) => (v == null ? '—' : `${v.toFixed(2)} %`);
    this.plot = new uPlot({
      width: this.width() || 320,
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.max(0, Math.floor(min - 1)), Math.min(100, Math.ceil(max + 1))] } },
      series: [
        { value: '{YYYY}-{MM}-{DD}' },
        { label: 'Occupied', stroke: STATUS_COLORS.occupied, width: 2, value: pct, fill: 'rgba(224,48,30,0.08)', points: { show: false } },
        { label: 'Contested', stroke: STATUS_COLORS.contested, width: 1, value: pct, points: { show: false } },
      ],
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => `${t} %`), size: 60 }],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(u) => this.drawMark(u)] },
    }, [xs, occupied, contested], this.element);
    this.plot.over.addEventListener('click', () => {
      const left = this.plot?.cursor.left;
      if (this.plot && left != null && left >= 0) this.onPick(fromUnixSeconds(Math.round(this.plot.posToVal(left, 'x') / 86400) * 86400));
    });
  }

  mark(date: string): void {
    this.marked = toUnixSeconds(date);
    this.plot?.redraw(false, false);
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.plot?.destroy();
  }

  private width() { return Math.floor(this.element.clientWidth); }

  private drawMark(u: uPlot) {
    if (this.marked == null) return;
    const x = Math.round(u.valToPos(this.marked, 'x', true));
    const { ctx } = u;
    ctx.save();
    ctx.strokeStyle = '#0b3d91';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }
}
