/** A settlement's history as one list: its status changes and the team's published events, by day. */
import type { PlaceHistory } from '../api';

export type StatusChange = PlaceHistory['history'][number];
export type PlaceEvent = PlaceHistory['events'][number];

export interface PlaceDay {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  /** The status from this day's version, when a version changed it that day. */
  status: StatusChange | null;
  /** Events of the day, by time. */
  events: PlaceEvent[];
}

/**
 * Status changes and events merged by day, oldest first: on a day with both, the status and the
 * events that explain it stay together.
 *
 * Example: history [05-07 occupied], events [05-06 counterattack, 05-07 capture] →
 * [{05-06, status null, [counterattack]}, {05-07, occupied, [capture]}].
 */
export function placeTimeline(history: readonly StatusChange[], events: readonly PlaceEvent[]): PlaceDay[] {
  const days = new Map<string, PlaceDay>();
  const day = (date: string) => {
    let d = days.get(date);
    if (!d) days.set(date, (d = { date, status: null, events: [] }));
    return d;
  };
  // Two versions on one day: the later one is what held at the end of the day.
  for (const h of history) day(h.date).status = h;
  for (const e of events) day(e.date).events.push(e);
  for (const d of days.values()) d.events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
