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

/** Units as the map draws them: each with `ref`, its index in the answer; none when the team hides them. */
export function unitsForMap(units: Units): FeatureCollection<Point> {
  if (units.hidden) return { type: 'FeatureCollection', features: [] };
  return { type: 'FeatureCollection', features: units.features.map((f, ref) => ({ ...f, properties: { ...f.properties, ref } })) };
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

  item(ref: number): PopupItem | null {
    return this.units[ref] ? { kind: 'unit', properties: this.units[ref].properties } : null;
  }
}
