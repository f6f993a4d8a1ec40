/**
 * The "Events (7 days)" layer: the team's published events and attack arrows of the 7 days ending on
 * the map date. Keeps the answers it drew so a click on the map (which only gives back a feature's
 * `ref`) opens the item with its full sources.
 */
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { Api, ArrowFeature, ArrowProperties, Arrows, EventFeature, Events } from '../api';
import { addDays } from '../dates';
import { withArrowheads } from '../map/arrowheads';
import type { PopupItem } from './item-popup';

/** What the legend shows of the layer. */
export interface EventsSummary { eventTypes: string[]; eventSides: string[]; arrowSides: string[]; arrowsHidden: boolean }
export const NO_EVENTS: EventsSummary = { eventTypes: [], eventSides: [], arrowSides: [], arrowsHidden: false };

/** The 7 days ending on `date`, both included (the API's from/to are whole UTC days). */
export const eventsWindow = (date: string): { from: string; to: string } => ({ from: addDays(date, -6), to: date });

/** Events as the map draws them: each with `ref`, its index in the answer. */
export function eventsForMap(events: Events): FeatureCollection<Point> {
  return { type: 'FeatureCollection', features: events.features.map((f, ref) => ({ ...f, properties: { ...f.properties, ref } })) };
}

/**
 * Arrows as the map draws them: lines and their heads, each with `ref`. An arrow the team marked
 * `hidden` is left out, as is every arrow of an answer that says the team withholds them.
 */
export function arrowsForMap(arrows: Arrows): FeatureCollection<LineString | Polygon> {
  const shown = arrows.hidden ? [] : arrows.features.map((f, ref) => ({ ...f, properties: { ...f.properties, ref } })).filter((f) => !isHidden(f));
  return withArrowheads({ type: 'FeatureCollection', features: shown });
}

const isHidden = (f: ArrowFeature) => (f.properties as ArrowProperties & { hidden?: boolean }).hidden === true;
const distinct = (values: string[]) => [...new Set(values)];

export class EventsLayer {
  private events: EventFeature[] = [];
  private arrows: ArrowFeature[] = [];
  summary: EventsSummary = NO_EVENTS;

  constructor(
    private readonly api: Api,
    private readonly draw: (source: 'events' | 'arrows', data: FeatureCollection | null) => void,
  ) {}

  /**
   * Draws the week ending on `date`, or clears the layer with null. `current()` is asked once the
   * answers are in: a stale answer (the date moved on meanwhile) is dropped. Resolves true when drawn.
   */
  async show(date: string | null, current: () => boolean): Promise<boolean> {
    if (!date) {
      this.clear();
      return true;
    }
    const { from, to } = eventsWindow(date);
    const [events, arrows] = await Promise.all([this.api.events(from, to), this.api.arrows(from, to)]);
    if (!current()) return false;
    this.events = events.features;
    this.arrows = arrows.features;
    this.summary = {
      eventTypes: distinct(events.features.map((f) => f.properties.type)),
      eventSides: distinct(events.features.map((f) => f.properties.side)),
      arrowSides: distinct(arrows.hidden ? [] : arrows.features.filter((f) => !isHidden(f)).map((f) => f.properties.side)),
      arrowsHidden: !!arrows.hidden,
    };
    this.draw('events', eventsForMap(events));
    this.draw('arrows', arrowsForMap(arrows));
    return true;
  }

  clear(): void {
    this.events = [];
    this.arrows = [];
    this.summary = NO_EVENTS;
    this.draw('events', null);
    this.draw('arrows', null);
  }

  /** The item behind a clicked feature of the `events` or `arrows` source. */
  item(source: string, ref: number): PopupItem | null {
    if (source === 'events' && this.events[ref]) return { kind: 'event', properties: this.events[ref].properties };
    if (source === 'arrows' && this.arrows[ref]) return { kind: 'arrow', properties: this.arrows[ref].properties };
    return null;
  }
}
