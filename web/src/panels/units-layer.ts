/**
 * The "Units (7 days)" layer: where the team placed units in the 7 days ending on the map date
 * (GET /api/v1/units). The public gets them on the team's grid, or none when the team withholds them
 * (`hidden`). Keeps the answer it drew so a click (which gives back a feature's `ref`) opens the
 * unit with its sources. Modelled on events-layer.ts.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { Api, UnitFeature, Units } from '../api';
import { eventsWindow } from './events-layer';
import type { PopupItem } from './item-popup';

const pointKey = (f: UnitFeature) => f.geometry.coordinates.join(',');

/**
 * Units as the map draws them: each with `ref`, its index in the answer, and a `label`; none when
 * the team hides them. The public gets units on a grid, so several often share a cell's centre:
 * drawn on one another, only one label would show, so the first of a point is labelled for all
 * ("93rd Mechanised Brigade +1") and the others are left unlabelled.
 */
export function unitsForMap(units: Units): FeatureCollection<Point> {
  if (units.hidden) return { type: 'FeatureCollection', features: [] };
  const atPoint = new Map<string, number>();
  for (const f of units.features) atPoint.set(pointKey(f), (atPoint.get(pointKey(f)) ?? 0) + 1);
  const labelled = new Set<string>();
  return {
    type: 'FeatureCollection',
    features: units.features.map((f, ref) => {
      const key = pointKey(f);
      const n = atPoint.get(key)!;
      const label = labelled.has(key) ? '' : n > 1 ? `${f.properties.unit} +${n - 1}` : f.properties.unit;
      labelled.add(key);
      return { ...f, properties: { ...f.properties, ref, label } };
    }),
  };
}

export class UnitsLayer {
  private units: UnitFeature[] = [];
  /** The team withholds unit positions from the public (the legend says so). */
  hidden = false;

  constructor(private readonly api: Api, private readonly draw: (data: FeatureCollection | null) => void) {}

  /** Draws the week ending on `date`, or clears with null; a stale answer (`current()` false) is dropped. */
  async show(date: string | null, current: () => boolean): Promise<boolean> {
    if (!date) {
      this.clear();
      return true;
    }
    const { from, to } = eventsWindow(date);
    const units = await this.api.units(from, to);
    if (!current()) return false;
    this.units = units.hidden ? [] : units.features;
    this.hidden = !!units.hidden;
    this.draw(unitsForMap(units));
    return true;
  }

  clear(): void {
    this.units = [];
    this.hidden = false;
    this.draw(null);
  }

  get count(): number { return this.units.length; }
  /** The sides of the units drawn, for the legend. */
  get sides(): string[] { return [...new Set(this.units.map((u) => u.properties.side))]; }

  /** The unit behind a click and every other unit drawn at the same point (a popup shows them all). */
  items(ref: number): PopupItem[] {
    const hit = this.units[ref];
    if (!hit) return [];
    return this.units.filter((u) => pointKey(u) === pointKey(hit)).map((u) => ({ kind: 'unit', properties: u.properties }));
  }
}
