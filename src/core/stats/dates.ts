/** Calendar dates (YYYY-MM-DD, UTC). The map on date D is the latest version at or before the end of D. */

export function parseDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text.trim() ? d : null;
}

/** Last instant of the UTC day, as ISO (what `versionAt` compares against). */
export function endOfDay(date: Date): string {
  return new Date(date.getTime() + 86_400_000 - 1).toISOString();
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += 86_400_000) out.push(new Date(t));
  return out;
}
