/** min / median / p99 of timings in ms. */
export function summarize(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const f = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
  return `min ${f(s[0])} ms  median ${f(q(0.5))} ms  p99 ${f(q(0.99))} ms  (n=${s.length})`;
}
