/**
 * The "Claims" layer: what each claimant (e.g. Russia's Ministry of Defence) claims on the map date,
 * drawn apart from assessed control. Keeps the answer so a click opens the claim with its sources.
 */
import type { FeatureCollection } from 'geojson';
import type { Api, ClaimFeature } from '../api';
import type { PopupItem } from './item-popup';

export class ClaimsLayer {
  private claims: ClaimFeature[] = [];
  /** Claimants on the map (for the legend). */
  claimants: string[] = [];

  constructor(private readonly api: Api, private readonly draw: (data: FeatureCollection | null) => void) {}

  /** Draws the claims of `date` (null clears them); a stale answer (`current()` false) is dropped. Resolves true when drawn. */
  async show(date: string | null, current: () => boolean): Promise<boolean> {
    if (!date) {
      this.claims = [];
      this.claimants = [];
      this.draw(null);
      return true;
    }
    const answer = await this.api.claims(date);
    if (!current()) return false;
    this.claims = answer.features;
    this.claimants = [...new Set(answer.features.map((f) => f.properties.claimant))];
    this.draw({ type: 'FeatureCollection', features: answer.features.map((f, ref) => ({ ...f, properties: { ...f.properties, ref } })) });
    return true;
  }

  item(ref: number): PopupItem | null {
    return this.claims[ref] ? { kind: 'claim', properties: this.claims[ref].properties } : null;
  }
}
