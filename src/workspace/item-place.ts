/**
 * Where a point item (an event, a unit position) is: a gazetteer settlement, resolved to its code,
 * name and point, or a free lon/lat inside the plausible extent.
 */
import { EXTENT } from '../core/workspace/items.js';
import { FrontlineError } from '../errors.js';
import { settlementIndex } from '../queries/places.js';
import type { Store } from '../store/store.js';

export type StoredPlace = { settlement: string; name: string; lon: number; lat: number } | { lon: number; lat: number };

/** The place as a draft item keeps it; an unknown settlement is an error, a point outside the extent a problem (pushed). */
export function resolvePlace(store: Store, place: { settlement: string } | { lon: number; lat: number }, problems: string[]): StoredPlace {
  if ('settlement' in place) {
    const s = settlementIndex(store).byCode.get(place.settlement);
    if (!s) throw new FrontlineError('UNKNOWN_PLACE', `unknown settlement '${place.settlement}' (find codes with /api/v1/places?q=)`);
    return { settlement: s.code, name: s.name, lon: s.lon, lat: s.lat };
  }
  const { lon, lat } = place;
  if (!(lon >= EXTENT.west && lon <= EXTENT.east && lat >= EXTENT.south && lat <= EXTENT.north)) {
    problems.push(`place [${lon}, ${lat}] is not a longitude, latitude in or near Ukraine`);
  }
  return { lon, lat };
}
