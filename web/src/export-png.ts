/**
 * Export the current view as a PNG: the map as drawn, with the date, the legend and the
 * attribution burnt in so the image still makes sense when shared on its own.
 */
import { formatLongDate } from './dates';
import type { DateRange } from './state';
import { LEGEND, SIDE_COLORS, SIDE_LABELS, STATUS_COLORS, type Side } from './statuses';

export interface ExportInfo {
  date: string; compare: DateRange | null; attribution: string;
  /** Analysis layers on the map (lines and areas), keyed after the statuses. */
  analysis?: { color: string; label: string; line?: boolean; alpha?: number; glyph?: string; note?: boolean }[];
}

export function composeExport(map: HTMLCanvasElement, info: ExportInfo): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = map.width;
  out.height = map.height;
  const ctx = out.getContext('2d')!;
  ctx.drawImage(map, 0, 0);
  // The map canvas is in device pixels; draw the overlay at the same scale as the screen.
  const s = map.width / Math.max(1, map.clientWidth || map.width / devicePixelRatio);
  ctx.scale(s, s);
  const width = map.width / s;
  const height = map.height / s;

  const title = info.compare
    ? `Frontline · changes ${formatLongDate(info.compare.from)} → ${formatLongDate(info.compare.to)}`
    : `Frontline · ${formatLongDate(info.date)}`;
  titleBox(ctx, 10, 10, title);

  // Swatches at the map's own opacities, so they match what the image shows.
  const items: { color: string; label: string; alpha: number; line?: boolean; glyph?: string; note?: boolean }[] = [
    ...(info.compare ? (['russia', 'ukraine'] as Side[]).map((side) => ({ color: SIDE_COLORS[side], label: SIDE_LABELS[side], alpha: 0.8 })) : []),
    ...LEGEND.map(({ status, label }) => ({ color: STATUS_COLORS[status], label, alpha: info.compare ? 0.2 : 0.5 })),
    ...(info.analysis ?? []).map((a) => ({ ...a, alpha: a.alpha ?? 1 })),
  ];
  ctx.font = '13px system-ui, sans-serif';
  const legendWidth = Math.max(...items.map((i) => ctx.measureText(i.label).width)) + 36;
  const legendHeight = items.length * 20 + 12;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(10, height - legendHeight - 34, legendWidth, legendHeight);
  items.forEach((item, i) => {
    const y = height - legendHeight - 34 + 8 + i * 20;
    ctx.fillStyle = item.color;
    ctx.globalAlpha = item.alpha;
    if (item.glyph) ctx.fillText(item.glyph, 19, y + 13);
    else if (item.line) ctx.fillRect(16, y + 7, 18, 3);
    else if (!item.note) ctx.fillRect(18, y + 2, 14, 12);
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#1d1d1d';
    ctx.fillText(item.label, 40, y + 13);
  });

  ctx.font = '11px system-ui, sans-serif';
  const attrWidth = ctx.measureText(info.attribution).width + 12;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(width - attrWidth, height - 18, attrWidth, 18);
  ctx.fillStyle = '#333';
  ctx.fillText(info.attribution, width - attrWidth + 6, height - 5);
  return out;
}

function titleBox(ctx: CanvasRenderingContext2D, x: number, y: number, text: string) {
  ctx.font = '600 16px system-ui, sans-serif';
  const w = ctx.measureText(text).width + 20;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x, y, w, 30);
  ctx.fillStyle = '#111';
  ctx.fillText(text, x + 10, y + 21);
}

/** Saves a canvas through a temporary link (no server round trip). */
export function downloadCanvas(canvas: HTMLCanvasElement, filename: string): void {
  const a = document.createElement('a');
  a.download = filename;
  a.href = canvas.toDataURL('image/png');
  document.body.appendChild(a);
  a.click();
  a.remove();
}
