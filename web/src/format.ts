/** Number formatting shared by panels, legend and export (one place so they always agree). */

const km2 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const km2Small = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-GB');

export const formatKm2 = (v: number): string => `${(Math.abs(v) < 10 ? km2Small : km2).format(v)} km²`;
export const formatSignedKm2 = (v: number): string => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatKm2(Math.abs(v))}`;
export const formatPercent = (share: number, digits = 2): string => `${(share * 100).toFixed(digits)} %`;
export const formatSignedPoints = (delta: number): string =>
  `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta * 100).toFixed(2)} pp`;
export const formatCount = (v: number | null | undefined): string => (v == null ? '—' : count.format(v));
export const formatSignedCount = (v: number): string => (Math.round(v) === 0 ? '±0' : `${v > 0 ? '+' : '−'}${count.format(Math.abs(Math.round(v)))}`);
const km = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
export const formatKm = (v: number): string => `${km.format(v)} km`;
export const formatSignedKm = (v: number | null): string => (v == null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${km.format(Math.abs(v))} km`);
