/** Typed client for the Frontline HTTP API (/api/v1). The only module that calls `fetch` for JSON. */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { Static } from 'typebox';
import type { DistanceBody, FrontlineBody, HistoryBody, PlacesBody, SalientsBody, TempoBody, WhatifBody } from '../../src/server/schemas';
import type { ClaimStatsBody } from '../../src/server/workspace-schemas';
import type { ItemSource } from './items';

export type AreaStatus = 'occupied' | 'occupiedBefore2022' | 'contested' | 'ukraine' | 'liberated';
export type BaseStatus = 'occupied' | 'contested' | 'ukraine';
export type SettlementStatus = AreaStatus;

export interface AreaShare { areaKm2: number; share: number }
export type ByStatus = Record<AreaStatus, AreaShare>;
export interface CountPop { count: number; population: number }

export interface Version { id: number; validAt: string; source: string; file: string; summary: unknown }
export interface RegionRef { code: string; name: string; level: string; areaKm2: number }
export interface Region extends RegionRef {
  level: 'country' | 'oblast' | 'raion';
  nameUk: string | null;
  nameRu: string | null;
  parent: string | null;
  sourceAreaKm2: number | null;
}

export interface Stats {
  date: string;
  version: { id: number; validAt: string };
  region: RegionRef;
  byStatus: ByStatus;
  settlements: Record<SettlementStatus, CountPop>;
}

export interface SeriesRow { date: string; versionId: number | null; validAt: string | null; byStatus: ByStatus | null }
export interface Series { region: RegionRef; from: string; to: string; rows: SeriesRow[] }

export interface VersionRef { date: string; versionId: number; validAt: string }
export interface Transition { from: BaseStatus; to: BaseStatus; areaKm2: number; byRegion: { code: string; areaKm2: number }[] }
export interface ChangedSettlement {
  name: string; code: string; from: SettlementStatus; to: SettlementStatus;
  population: number | null; oblast: string | null; raion: string | null; lon: number; lat: number;
}
export interface Diff { from: VersionRef; to: VersionRef; region: RegionRef; transitions: Transition[]; settlements: ChangedSettlement[] }

// The server's response schemas are the contract: these types come from them (type-only, erased by Vite).
export type Place = Static<typeof PlacesBody>[number];
type HistoryRow = Static<typeof HistoryBody>['history'][number];
export type PlaceHistory = Omit<Static<typeof HistoryBody>, 'history'> & { history: (Omit<HistoryRow, 'status'> & { status: SettlementStatus })[] };
export type ClaimStats = Static<typeof ClaimStatsBody>;

// The items layers' schemas leave features open (Type.Unknown): these are their properties as
// src/queries/published-items.ts and claims.ts write them.
interface ItemProperties { time: string; side: string; confidence: string; note: string | null; sources: ItemSource[]; versionId: number; precisionDeg?: number }
export interface EventProperties extends ItemProperties { type: string; settlement: string | null }
/** A unit's position: the public gets it on the team's grid (`precisionDeg`), never at a named place. */
export interface UnitProperties extends ItemProperties { unit: string }
export type ArrowProperties = ItemProperties;
export interface ClaimProperties {
  id: number; claimant: string; status: string; validFrom: string; validUntil: string | null; areaKm2: number;
  confidence: string; note: string | null; sources: ItemSource[]; versionId: number;
}
export type EventFeature = Feature<Point, EventProperties>;
export type ArrowFeature = Feature<LineString, ArrowProperties>;
export type ClaimFeature = Feature<Polygon | MultiPolygon, ClaimProperties>;
/** `hidden`: the team withholds the arrows from the public (the list is then empty). */
export type Arrows = FeatureCollection<LineString, ArrowProperties> & { from: string; to: string; hidden?: boolean };
export type Events = FeatureCollection<Point, EventProperties> & { from: string; to: string };
export type UnitFeature = Feature<Point, UnitProperties>;
/** `hidden`: the team withholds unit positions from the public (the list is then empty). */
export type Units = FeatureCollection<Point, UnitProperties> & { from: string; to: string; hidden?: boolean };
export type Claims = FeatureCollection<Polygon | MultiPolygon, ClaimProperties> & { date: string };
/** A team version's changelog (`summary.changelog` of /versions): sources are URLs. */
export interface Changelog { what: string; why: string; sources: string[] }
export type Frontline = Static<typeof FrontlineBody>;
export type Tempo = Static<typeof TempoBody>;
export type Salients = Static<typeof SalientsBody>;
export type Salient = Salients['salients'][number];
export type Whatif = Static<typeof WhatifBody>;
export type Distance = Static<typeof DistanceBody>;

/** An error answered by the API (`{ code, message }`) or a network failure (`code: 'NETWORK'`). */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = (pending: number, error: ApiError | null) => void;

/**
 * Every answer is cached by URL: the archive is append-only and a viewing session is short, so
 * re-asking for the same date or region (scrubbing back and forth) should cost nothing.
 */
export class Api {
  private cache = new Map<string, Promise<unknown>>();
  private pending = 0;
  private listeners = new Set<Listener>();

  constructor(private readonly base = '/api/v1') {}

  /** Notified on every request start/end, so the UI can show loading and error states in one place. */
  onActivity(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `after`: as for dates(), a fresh list once a version is announced. */
  versions(after?: number) { return this.get<Version[]>('/versions', after ? { after: String(after) } : undefined); }
  /** `after`: a published version id, so a fresh list is fetched past every cache once one is announced. */
  dates(after?: number) { return this.get<{ dates: string[] }>('/dates', after ? { after: String(after) } : undefined).then((r) => r.dates); }
  regions() { return this.get<Region[]>('/regions'); }
  stats(date: string, region: string) { return this.get<Stats>('/stats', { date, region }); }
  series(region: string) { return this.get<Series>('/series', { region }); }
  diff(from: string, to: string, region?: string) { return this.get<Diff>('/diff', { from, to, region }); }
  diffGeoJSON(from: string, to: string) { return this.get<FeatureCollection>('/diff/geojson', { from, to }); }
  places(q: string) { return this.get<Place[]>('/places', { q }); }
  placeHistory(code: string) { return this.get<PlaceHistory>(`/places/${encodeURIComponent(code)}/history`); }
  // Analyses (docs/analysis.md): figures as JSON, and what the map draws as GeoJSON.
  frontline(date: string, region?: string) { return this.get<Frontline>('/frontline', { date, region }); }
  frontlineGeoJSON(date: string) { return this.get<FeatureCollection>('/frontline/geojson', { date }); }
  tempo(from: string, to: string, region?: string) { return this.get<Tempo>('/tempo', { from, to, region }); }
  tempoGeoJSON(from: string, to: string, region?: string) { return this.get<FeatureCollection>('/tempo/geojson', { from, to, region }); }
  salients(date: string, region?: string) { return this.get<Salients>('/salients', { date, region }); }
  salientsGeoJSON(date: string, region?: string) { return this.get<FeatureCollection>('/salients/geojson', { date, region }); }
  whatif(date: string, line: string) { return this.get<Whatif>('/whatif', { date, line }); }
  whatifGeoJSON(date: string, line: string) { return this.get<FeatureCollection>('/whatif/geojson', { date, line }); }
  distance(date: string, to: string) { return this.get<Distance>('/distance', { date, to }); }
  // The team's published items (docs/workspace.md): days from–to, both included.
  events(from: string, to: string) { return this.get<Events>('/events', { from, to }); }
  arrows(from: string, to: string) { return this.get<Arrows>('/arrows', { from, to }); }
  units(from: string, to: string) { return this.get<Units>('/units', { from, to }); }
  claims(date: string) { return this.get<Claims>('/claims', { date }); }
  claimStats(date: string, region: string) { return this.get<ClaimStats>('/claims/stats', { date, region }); }

  private get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, v);
    const url = `${this.base}${path}${query.size ? `?${query}` : ''}`;
    let hit = this.cache.get(url) as Promise<T> | undefined;
    if (!hit) {
      hit = this.fetchJson<T>(url);
      this.cache.set(url, hit);
      // Failures are not cached: a retry after the server comes back must really retry.
      hit.catch(() => this.cache.delete(url));
    }
    return hit;
  }

  private async fetchJson<T>(url: string): Promise<T> {
    this.emit(+1, null);
    try {
      let res: Response;
      try {
        res = await fetch(url, { headers: { accept: 'application/json' } });
      } catch (e) {
        throw new ApiError('NETWORK', `cannot reach the Frontline server (${(e as Error).message})`, 0);
      }
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const b = body as { code?: string; message?: string } | null;
        throw new ApiError(b?.code ?? `HTTP_${res.status}`, b?.message ?? `${res.status} ${res.statusText} for ${url}`, res.status);
      }
      this.emit(-1, null);
      return body as T;
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('BAD_RESPONSE', String(e), 0);
      this.emit(-1, err);
      throw err;
    }
  }

  private emit(delta: number, error: ApiError | null) {
    this.pending += delta;
    for (const l of this.listeners) l(this.pending, error);
  }
}
