/**
 * Salients: stretches of front that loop out and come back close to where they started. Where the
 * front runs a long way around (`along`) between two points that lie close together (`chord`),
 * the ground between the loop and the chord is a salient, and the chord is its neck. Pure
 * geometry on a projected (km) front line; definitions and thresholds: docs/analysis.md.
 */
/** A neck is at most this wide (km): wider, the bulge is a front-wide curve, not a salient. */
export const MAX_NECK_KM = 60;
/** The front around a salient is at least this many times its neck. */
export const MIN_ALONG_TO_NECK = 2.5;
/** Loops shorter than this (km of front) are wiggles. */
export const MIN_ALONG_KM = 10;
/** Points along the front are taken this far apart (km). */
export const SAMPLE_KM = 1;

export type Path = [number, number][];

/** Joins pieces of front whose ends lie within `maxGapKm`, closest pairs first, into longer paths. */
export function chainPieces(pieces: Path[], maxGapKm: number): Path[] {
  const ends: { piece: number; atEnd: boolean; x: number; y: number }[] = [];
  pieces.forEach((p, i) => { ends.push({ piece: i, atEnd: false, x: p[0][0], y: p[0][1] }, { piece: i, atEnd: true, x: p[p.length - 1][0], y: p[p.length - 1][1] }); });
  const pairs: { a: number; b: number; d: number }[] = [];
  for (let a = 0; a < ends.length; a++) for (let b = a + 1; b < ends.length; b++) {
    if (ends[a].piece === ends[b].piece) continue;
    const d = Math.hypot(ends[a].x - ends[b].x, ends[a].y - ends[b].y);
    if (d <= maxGapKm) pairs.push({ a, b, d });
  }
  pairs.sort((p, q) => p.d - q.d);
  // Each end joins at most once; union–find keeps chains from closing into rings.
  const root = pieces.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
  const link = new Map<number, number>();
  for (const { a, b } of pairs) {
    if (link.has(a) || link.has(b)) continue;
    const ra = find(ends[a].piece), rb = find(ends[b].piece);
    if (ra === rb) continue;
    root[ra] = rb;
    link.set(a, b); link.set(b, a);
  }
  const used = new Set<number>();
  const out: Path[] = [];
  for (let start = 0; start < ends.length; start++) {
    if (used.has(ends[start].piece) || link.has(start)) continue;
    // Walk from a free end through the chain.
    const path: Path = [];
    let end = start;
    for (;;) {
      const { piece, atEnd } = ends[end];
      used.add(piece);
      const pts = atEnd ? pieces[piece].slice().reverse() : pieces[piece];
      path.push(...pts);
      const far = end ^ 1; // the other end of the same piece
      const next = link.get(far);
      if (next === undefined) break;
      end = next;
    }
    out.push(path);
  }
  // Pieces in closed loops of their own (no free end).
  pieces.forEach((p, i) => { if (!used.has(i)) out.push(p); });
  return out;
}

/** Points every ~`step` km along a path, with their distance along it. */
export function resample(path: Path, step = SAMPLE_KM): { pts: Path; along: number[] } {
  const pts: Path = [path[0]];
  const along = [0];
  let total = 0;
  let sinceLast = 0;
  for (let i = 1; i < path.length; i++) {
    const seg = Math.hypot(path[i][0] - path[i - 1][0], path[i][1] - path[i - 1][1]);
    total += seg;
    sinceLast += seg;
    if (sinceLast >= step || i === path.length - 1) { pts.push(path[i]); along.push(total); sinceLast = 0; }
  }
  return { pts, along };
}

export interface Loop { path: number; from: number; to: number; alongKm: number; neckKm: number }

/**
 * The salient loops of a resampled path: for each start, the longest loop whose neck is within
 * the limits; then the narrowest neck that still holds most of the loop; overlapping loops are
 * merged into the larger.
 */
export function findLoops(pts: Path, along: number[], path = 0): Loop[] {
  const qualifies = (i: number, j: number) => {
    const a = along[j] - along[i];
    const c = Math.hypot(pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]);
    return a >= MIN_ALONG_KM && c <= MAX_NECK_KM && a >= MIN_ALONG_TO_NECK * c ? c : -1;
  };
  const widest: Loop[] = [];
  for (let i = 0; i < pts.length; i++) {
    let best = -1;
    for (let j = pts.length - 1; j > i; j--) {
      if (along[j] - along[i] < MIN_ALONG_KM) break;
      // A chord longer than the neck limit cannot close a loop: skip ahead cheaply.
      if (qualifies(i, j) >= 0) { best = j; break; }
    }
    if (best > 0) widest.push({ path, from: i, to: best, alongKm: along[best] - along[i], neckKm: Math.hypot(pts[best][0] - pts[i][0], pts[best][1] - pts[i][1]) });
  }
  widest.sort((p, q) => q.alongKm - p.alongKm);
  const kept: Loop[] = [];
  for (const l of widest) {
    if (kept.some((k) => Math.min(k.to, l.to) - Math.max(k.from, l.from) > 0.5 * (l.to - l.from))) continue;
    kept.push(l);
  }
  // The neck: the narrowest chord inside the loop that still spans 70 % of its front.
  return kept.map((l) => {
    let best = l;
    for (let i = l.from; i <= l.to; i++) for (let j = l.to; j > i; j--) {
      const a = along[j] - along[i];
      if (a < 0.7 * l.alongKm) break;
      const c = qualifies(i, j);
      if (c >= 0 && c < best.neckKm) best = { path, from: i, to: j, alongKm: a, neckKm: c };
    }
    return best;
  });
}
