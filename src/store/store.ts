/**
 * The storage seam. SQLite implements it today (store/sqlite); a PostGIS store can follow
 * without touching the domain: everything crosses as plain records and WKB bytes.
 */
import type { Layer } from '../core/timeline/status.js';
import type { RoadCategory } from '../core/analysis/road-graph.js';
import type { Settlement } from '../core/reference/gazetteer.js';
import type { WorkspaceStore } from './workspace-store.js';

export type RegionLevel = 'country' | 'oblast' | 'raion';

export interface RegionRecord {
  code: string;            // 'UA', ISO 3166-2 'UA-09', or COD pcode 'UA4412'
  level: RegionLevel;
  name: string;            // English
  nameUk: string | null;
  nameRu: string | null;
  parent: string | null;   // oblast code of a raion, 'UA' of an oblast
  /** Area inside the country outline, km² (the denominator of every share). */
  areaKm2: number;
  /** Area of the source polygon, km² (oblasts and raions come from other sources than the outline). */
  sourceAreaKm2: number;
  aliases: string[];
}

/** A merged settlement (core/reference/gazetteer.ts) placed in its oblast and raion. */
export interface SettlementRecord extends Omit<Settlement, 'sources'> {
  id: number;              // ordinal, index into per-version status arrays
  oblast: string | null;
  raion: string | null;
}

export interface RoadRecord {
  osmId: string;
  category: RoadCategory;
  wkb: Uint8Array;
  /** Road number (OSM `ref`, e.g. 'M-03') and name, when the source has them; null in the bundled extract. */
  ref: string | null;
  name: string | null;
}

export interface ReferenceData {
  regions: { record: RegionRecord; wkb: Uint8Array }[];
  settlements: SettlementRecord[];
  roads: RoadRecord[];
  provenance: Record<string, unknown>;
}

export interface VersionRecord {
  id: number;
  validAt: string;         // ISO 8601 UTC
  source: string;          // e.g. 'deepstate'
  file: string;
  contentHash: string;
  importedAt: string;
  summary: Record<string, unknown>;
  /** Held back from the public until this instant (publication delay); null: public when stored. */
  publicFrom?: string | null;
}

/** Public questions see only versions whose publication delay has passed; the workspace sees all. */
export interface VisibilityOptions { includeHeld?: boolean }

export type LayerAreas = Record<Layer, number>;

export interface NewVersion {
  validAt: string;
  source: string;
  file: string;
  contentHash: string;
  summary: Record<string, unknown>;
  /** cell id → content key of the cell's layers. */
  cells: Map<number, string>;
  /** Layers of cells whose key the store may not have yet. */
  cellLayers: Map<string, Record<Layer, Uint8Array>>;
  figures: Map<string, LayerAreas>;
  /** One status code per settlement ordinal (see core/timeline/settlement-status.ts). */
  settlementStatuses: Uint8Array;
  annotations: { kind: string; name: string; lon: number; lat: number; style: string | null }[];
  /** See VersionRecord.publicFrom. */
  publicFrom?: string | null;
}

/** km² that each side gained between two versions in a region (Russian-held = occupied ∪ contested). */
export interface PairGain { fromVersion: number; toVersion: number; code: string; russiaKm2: number; ukraineKm2: number }

export interface Store {
  hasReference(): boolean;
  /** Replaces all reference data in one transaction. */
  saveReference(ref: ReferenceData): void;
  regions(): RegionRecord[];
  regionWkb(code: string): Uint8Array | null;
  settlements(): SettlementRecord[];
  roads(): RoadRecord[];

  /** Versions in valid-time order: the public ones, or all with `includeHeld`. */
  versions(options?: VisibilityOptions): VersionRecord[];
  /** Changes whenever a version is added or becomes public (the newest public id): a cheap key for caches of derived answers. */
  versionStamp(): number;
  versionByHash(contentHash: string): VersionRecord | null;
  /** The latest version valid at or before the instant (ISO), or null; public ones unless `includeHeld`. */
  versionAt(instant: string, options?: VisibilityOptions): VersionRecord | null;
  /** Releases a held version (publicFrom null) or holds it until an instant. */
  setVersionPublicFrom(id: number, publicFrom: string | null): void;
  /** Adds a version with everything derived from it, atomically. */
  addVersion(v: NewVersion): VersionRecord;
  hasCellLayers(key: string): boolean;
  regionFigures(versionId: number, code: string): LayerAreas | null;
  /** Figures of one region for every public version, in valid-time order. */
  figureSeries(code: string): { versionId: number; validAt: string; areas: LayerAreas }[];
  settlementStatuses(versionId: number): Uint8Array | null;
  versionCells(versionId: number): Map<number, string>;
  cellLayers(key: string): Record<Layer, Uint8Array> | null;
  /** Cached gains between pairs of versions for a region, keyed `from>to` (derived data, see queries/gains.ts). */
  pairGains(code: string): Map<string, PairGain>;
  savePairGains(rows: PairGain[]): void;
  /** A cached derived result (e.g. a cell's border zone) by kind and key; cleared with the reference. */
  derived(kind: string, key: string): Uint8Array | null;
  saveDerived(kind: string, entries: [string, Uint8Array][]): void;
  clearDerived(kind: string): void;
  /** The analyst workspace's tables (accounts, drafts, audit log) in the same database. */
  workspace(): WorkspaceStore;
  /** Runs `fn` in one transaction; store writes inside it (addVersion, workspace writes) join it. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
