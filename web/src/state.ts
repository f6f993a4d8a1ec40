/** The viewer's state: one small observable object that the URL, the map and the panels follow. */

export type PanelName = 'region' | 'compare' | 'place' | 'whatif';
/**
 * Layers drawn over the map: the front line, the salients, the last week's movement, and the team's
 * published events and attack arrows of the last week, and claims.
 */
export type LayerName = 'front' | 'salients' | 'movement' | 'events' | 'units' | 'claims';
export const LAYER_NAMES: LayerName[] = ['front', 'salients', 'movement', 'events', 'units', 'claims'];
export interface MapView { lon: number; lat: number; zoom: number }
export interface DateRange { from: string; to: string }

export interface ViewerState {
  /** The map date: always a version date once the archive's dates are known. */
  date: string | null;
  /** Set while the map shows the ground that changed hands between two dates. */
  compare: DateRange | null;
  /** The side panel that is open (none in embed mode). */
  panel: PanelName | null;
  /** Region code of the region panel (UA, UA-09, UA4412). */
  region: string | null;
  /** Settlement or region code of the last search result. */
  place: string | null;
  view: MapView | null;
  /** Analysis layers switched on, in LAYER_NAMES order. */
  layers: LayerName[];
  /**
   * The what-if line: places joined by commas ("Bakhmut, Siversk, Sloviansk") or drawn points as
   * `lon,lat;lon,lat;…` (see whatifLineParam).
   */
  whatif: string | null;
}

export const INITIAL_STATE: ViewerState = { date: null, compare: null, panel: null, region: null, place: null, view: null, layers: [], whatif: null };

type Listener<T> = (state: T, previous: T) => void;

export class Store<T extends object> {
  private listeners = new Set<Listener<T>>();
  constructor(private state: T) {}

  get(): T { return this.state; }

  /** Shallow-merges `patch`; listeners run only when some field really changed. */
  set(patch: Partial<T>): void {
    const previous = this.state;
    const next = { ...previous, ...patch };
    const changed = (Object.keys(patch) as (keyof T)[]).some((k) => !sameValue(previous[k], next[k]));
    if (!changed) return;
    this.state = next;
    for (const l of this.listeners) l(next, previous);
  }

  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Values here are primitives or small flat objects, so a JSON comparison is exact enough. */
const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
