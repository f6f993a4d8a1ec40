/**
 * Turns the polygons of one map version into the control surface: per grid cell, the layers
 * `occupied` (⊇ occupiedBefore2022), `contested` and `liberated`, clipped to the country and
 * made non-overlapping, with their geodesic area in every region.
 *
 * Overlap rule for the source (documented in docs/control-model.md): contested wins over
 * everything (a grey zone drawn over red means the ground is in question); occupied wins over
 * liberated (ground liberated earlier and taken again is occupied); occupiedBefore2022 is the
 * part of occupied that ORDLO, Crimea and Tuzla cover.
 *
 * The builder keeps the previous version's pieces and cell results: only cells where a source
 * polygon appeared or disappeared are looked at again, and a cell whose pieces are byte-identical
 * to before keeps its result, so an import does work only where the map changed.
 */
import { createHash } from 'node:crypto';
import * as geos from '../geometry/geos.js';
import { polygonsAreaKm2 } from '../geometry/area.js';
import { wkbPolygons } from '../geometry/wkb.js';
import type { CellId } from './grid.js';
import { cutIntoCells } from './cut-into-cells.js';
import type { RegionGrid, GridCell } from './region-grid.js';
import { LAYERS, type Layer, type SourceStatus } from './status.js';

export interface SourcePolygon {
  status: SourceStatus;
  /** Valid polygonal geometry (see geos.makeValidPolygonal); owned by the caller. */
  geom: geos.Geom;
  /** Content hash of the source geometry: equal hashes mean equal geometry. */
  hash: string;
}

export interface CellResult {
  /** Content key: equal keys mean equal pieces, hence equal layers. */
  key: string;
  /** Short digest of `key` (what the store uses). */
  id: string;
  layers: Record<Layer, geos.Geom>;
  /** The layers as 2D WKB (what the store keeps). */
  wkb: Record<Layer, Uint8Array>;
  /** Keys of the per-layer figures this cell uses (see ControlBuilder.layerFigures). */
  layerKeys: string[];
  /** figures[regionIndex * 4 + layerIndex] = km², regionIndex into grid.codes. */
  figures: Map<number, Float64Array>;
}

export interface VersionControl {
  cells: Map<CellId, CellResult>;
  /** Cells whose content differs from the previous version built (all cells on the first). */
  changedCells: CellId[];
  /** km² per region code per layer. */
  byRegion: Map<string, Record<Layer, number>>;
}

interface Piece { status: SourceStatus; hash: string; geom: geos.Geom }

const STATUS_ORDER: Record<SourceStatus, number> = { occupied: 0, occupiedBefore2022: 1, contested: 2, liberated: 3 };

export class ControlBuilder {
  private featurePieces = new Map<string, Map<CellId, Piece>>();
  /** The result of every cell for the last version built. */
  private current = new Map<CellId, CellResult>();
  /** Region figures of one layer of one cell, by the layer's content: `cell:layer:sha1`. */
  private layerFigures = new Map<string, Float64Array>();
  private regionIndex: Map<string, number>;

  constructor(private grid: RegionGrid) {
    this.regionIndex = new Map(grid.codes.map((c, i) => [c, i]));
  }

  build(polygons: SourcePolygon[]): VersionControl {
    const live = new Set<string>();
    const dirty = new Set<CellId>();
    for (const polygon of polygons) {
      const featureKey = `${polygon.status}:${polygon.hash}`;
      live.add(featureKey);
      if (this.featurePieces.has(featureKey)) continue;
      const pieces = this.cut(polygon);
      this.featurePieces.set(featureKey, pieces);
      for (const cell of pieces.keys()) dirty.add(cell);
    }
    for (const [key, pieces] of this.featurePieces) {
      if (live.has(key)) continue;
      for (const [cell, p] of pieces) { dirty.add(cell); geos.free(p.geom); }
      this.featurePieces.delete(key);
    }
    // Only cells that gained or lost a piece can differ from the previous version.
    const first = this.current.size === 0;
    const piecesByCell = new Map<CellId, Piece[]>();
    for (const pieces of this.featurePieces.values()) {
      for (const [cell, piece] of pieces) {
        if (!first && !dirty.has(cell)) continue;
        const list = piecesByCell.get(cell);
        if (list) list.push(piece); else piecesByCell.set(cell, [piece]);
      }
    }
    const changedCells: CellId[] = [];
    for (const cell of this.grid.cells.values()) {
      if (!first && !dirty.has(cell.id)) continue;
      const pieces = piecesByCell.get(cell.id) ?? [];
      pieces.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
      const key = `${cell.id}|${pieces.map((p) => `${STATUS_ORDER[p.status]}${p.hash}`).join(',')}`;
      const previous = this.current.get(cell.id);
      if (previous?.key === key) continue;
      const result = this.computeCell(cell, pieces, key);
      if (previous) this.release(previous, result);
      this.current.set(cell.id, result);
      changedCells.push(cell.id);
    }
    return { cells: new Map(this.current), changedCells, byRegion: this.sumFigures(this.current) };
  }

  /** Frees a replaced cell result and the layer figures only it used. */
  private release(old: CellResult, replacement: CellResult | null): void {
    for (const layer of LAYERS) geos.free(old.layers[layer]);
    for (const k of old.layerKeys) if (!replacement?.layerKeys.includes(k)) this.layerFigures.delete(k);
  }

  /** Releases every cached geometry. */
  dispose(): void {
    for (const pieces of this.featurePieces.values()) for (const p of pieces.values()) geos.free(p.geom);
    for (const r of this.current.values()) this.release(r, null);
    this.featurePieces.clear();
    this.current.clear();
  }

  private cut(polygon: SourcePolygon): Map<CellId, Piece> {
    const out = new Map<CellId, Piece>();
    for (const [id, geom] of cutIntoCells(polygon.geom, this.grid.partition)) {
      if (!this.grid.cells.has(id)) { geos.free(geom); continue; }
      const hash = createHash('sha1').update(geos.toWkb(geom)).digest('base64url').slice(0, 16);
      out.set(id, { status: polygon.status, hash, geom });
    }
    return out;
  }

  private computeCell(cell: GridCell, pieces: Piece[], key: string): CellResult {
    const of = (s: SourceStatus) => pieces.filter((p) => p.status === s).map((p) => p.geom);
    const inCountry = (geoms: geos.Geom[]): geos.Geom => {
      if (geoms.length === 0) return geos.emptyPolygon();
      const u = geos.unionAll(geoms);
      if (cell.interior || geos.preparedCovers(cell.countryPrepared, u)) return u;
      const clipped = geos.intersection(u, cell.country);
      geos.free(u);
      return clipped;
    };
    const minus = (a: geos.Geom, ...bs: geos.Geom[]): geos.Geom => {
      let cur = a;
      for (const b of bs) {
        if (geos.isEmpty(cur) || geos.isEmpty(b)) continue;
        const next = geos.difference(cur, b);
        geos.free(cur);
        cur = next;
      }
      return cur;
    };
    const contested = inCountry(of('contested'));
    const occupiedBefore2022 = minus(inCountry(of('occupiedBefore2022')), contested);
    const occupied = minus(inCountry([...of('occupied'), ...of('occupiedBefore2022')]), contested);
    const liberated = minus(inCountry(of('liberated')), occupied, contested);
    const layers: Record<Layer, geos.Geom> = { occupied, occupiedBefore2022, contested, liberated };

    const wkb = Object.fromEntries(LAYERS.map((l) => [l, geos.toWkb(layers[l])])) as Record<Layer, Uint8Array>;
    const layerKeys = LAYERS.map((layer) => this.layerKey(cell.id, layer, wkb[layer]));
    const perLayer = LAYERS.map((layer, i) => {
      const k = layerKeys[i];
      let f = this.layerFigures.get(k);
      if (!f) {
        f = this.layerFiguresOf(cell, layers[layer], wkb[layer]);
        this.layerFigures.set(k, f);
      }
      return f;
    });
    const figures = new Map<number, Float64Array>();
    cell.pieces.forEach((piece, p) => {
      figures.set(this.regionIndex.get(piece.code)!, Float64Array.from(perLayer, (f) => f[p]));
    });
    return { key, id: createHash('sha1').update(key).digest('base64url'), layers, wkb, layerKeys, figures };
  }

  private layerKey(cell: CellId, layer: Layer, wkb: Uint8Array): string {
    return `${cell}:${layer}:${createHash('sha1').update(wkb).digest('base64url')}`;
  }

  /** km² of the layer in each region piece of the cell, in the order of cell.pieces. */
  private layerFiguresOf(cell: GridCell, g: geos.Geom, wkb: Uint8Array): Float64Array {
    const out = new Float64Array(cell.pieces.length);
    if (geos.isEmpty(g)) return out;
    const countryArea = cell.pieces[0].areaKm2;
    const layerArea = polygonsAreaKm2(wkbPolygons(wkb));
    const prepared = geos.prepare(g);
    try {
      cell.pieces.forEach((piece, p) => {
        // Shortcuts before an overlay: the piece is the whole cell, misses the layer, or lies inside it.
        if (piece.geom === cell.country || Math.abs(piece.areaKm2 - countryArea) < 1e-9 * countryArea) out[p] = layerArea;
        else if (!geos.preparedIntersects(prepared, piece.geom)) out[p] = 0;
        else if (geos.preparedCovers(prepared, piece.geom)) out[p] = piece.areaKm2;
        else {
          const part = geos.intersection(g, piece.geom);
          out[p] = geos.areaKm2(part);
          geos.free(part);
        }
      });
    } finally {
      geos.freePrepared(prepared);
    }
    return out;
  }

  private sumFigures(cells: Map<CellId, CellResult>): Map<string, Record<Layer, number>> {
    const totals = this.grid.codes.map(() => new Float64Array(LAYERS.length));
    for (const result of cells.values()) {
      for (const [index, areas] of result.figures) for (let i = 0; i < areas.length; i++) totals[index][i] += areas[i];
    }
    return new Map(this.grid.codes.map((code, idx) => [
      code,
      Object.fromEntries(LAYERS.map((layer, i) => [layer, totals[idx][i]])) as Record<Layer, number>,
    ]));
  }
}
