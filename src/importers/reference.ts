/**
 * Reads the reference geography of ../shared/data/reference (see its README for sources and
 * licences) into store records: country outline, oblasts, raions, settlements and roads.
 */
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import * as geos from '../core/geometry/geos.js';
import { mergeLocalities } from '../core/reference/gazetteer.js';
import { readLocalityRecords } from './gazetteer-files.js';
import { readJson } from './read-file.js';
import type { ReferenceData, RegionRecord, RoadRecord, SettlementRecord } from '../store/store.js';
import { COD_OBLAST_TO_ISO, RAION_RENAMES } from '../core/reference/codes.js';

export const BOUNDARY_FILES = {
  country: 'boundaries/ukraine_adm0_ocha_ukrmap.geojson.gz',
  oblasts: 'boundaries/ukraine_adm1_wof_quattroshapes.geojson.gz',
  raions: 'boundaries/ukraine_adm2_raions_codab_fieldmaps.geojson.gz',
};
export const ROAD_FILES = {
  international: 'roads/kse_osm_roads_international.geojson.gz',
  national: 'roads/kse_osm_roads_national.geojson.gz',
};

async function readCollection(dir: string, file: string): Promise<Feature[]> {
  const doc = (await readJson(join(dir, file))) as FeatureCollection;
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new Error(`${join(dir, file)}: not a GeoJSON FeatureCollection`);
  return doc.features;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export async function readReference(dir: string, progress: (step: string) => void = () => {}): Promise<ReferenceData> {
  await geos.initGeometry();
  progress('boundaries');
  const [countryF, oblastF, raionF] = await Promise.all([
    readCollection(dir, BOUNDARY_FILES.country), readCollection(dir, BOUNDARY_FILES.oblasts), readCollection(dir, BOUNDARY_FILES.raions),
  ]);
  const country = geos.makeValidPolygonal(geos.unionAll(countryF.map((f) => geos.fromGeoJSON(f.geometry))));
  const countryPrepared = geos.prepare(country);
  const regions: ReferenceData['regions'] = [];
  const shapes: { code: string; geom: geos.Geom; prepared: geos.Prepared; env: geos.Envelope; level: 'oblast' | 'raion' }[] = [];

  const add = (record: Omit<RegionRecord, 'areaKm2' | 'sourceAreaKm2'>, geom: geos.Geom) => {
    const inside = record.level === 'country' ? geos.clone(geom) : geos.intersection(geom, country);
    regions.push({ record: { ...record, areaKm2: geos.areaKm2(inside), sourceAreaKm2: geos.areaKm2(geom) }, wkb: geos.toWkb(geom) });
    geos.free(inside);
  };
  add({ code: 'UA', level: 'country', name: 'Ukraine', nameUk: 'Україна', nameRu: 'Украина', parent: null, aliases: ['UA', 'UKR', 'Ukraine', 'Україна', 'Украина'] }, country);

  for (const f of oblastF) {
    const p = f.properties ?? {};
    const code = str(p.iso3166_2);
    if (!code) throw new Error(`${BOUNDARY_FILES.oblasts}: an oblast without iso3166_2 (${JSON.stringify(p.name)})`);
    const geom = geos.makeValidPolygonal(geos.fromGeoJSON(f.geometry));
    const name = str(p.name_en) ?? str(p.name) ?? code;
    add({
      code, level: 'oblast', name: name.replace(/'/g, ''), nameUk: str(p.name_uk), nameRu: str(p.name_ru), parent: 'UA',
      aliases: [code, name, str(p.name), str(p.name_uk), str(p.name_ru), str(p.wof_shortcode)].filter((x): x is string => !!x),
    }, geom);
    shapes.push({ code, geom, prepared: geos.prepare(geom), env: geos.envelope(geom)!, level: 'oblast' });
  }
  for (const f of raionF) {
    const p = f.properties ?? {};
    const code = str(p.adm2_src);
    const parentCod = str(p.adm1_src);
    if (!code || !parentCod) throw new Error(`${BOUNDARY_FILES.raions}: a raion without adm2_src/adm1_src`);
    const parent = COD_OBLAST_TO_ISO[parentCod];
    if (!parent) throw new Error(`${BOUNDARY_FILES.raions}: unknown oblast pcode ${parentCod}`);
    const geom = geos.makeValidPolygonal(geos.fromGeoJSON(f.geometry));
    const name = str(p.adm2_name) ?? code;
    add({
      code, level: 'raion', name, nameUk: str(p.adm2_name1), nameRu: str(p.adm2_name2), parent,
      aliases: [code, name, str(p.adm2_name1), str(p.adm2_name2), ...(RAION_RENAMES[name] ?? [])].filter((x): x is string => !!x),
    }, geom);
    shapes.push({ code, geom, prepared: geos.prepare(geom), env: geos.envelope(geom)!, level: 'raion' });
  }

  progress('settlements');
  const { settlements: merged, report } = mergeLocalities(await readLocalityRecords(dir));
  const settlements: SettlementRecord[] = merged.map((s, id) => {
    let oblast: string | null = null;
    let raion: string | null = null;
    for (const sh of shapes) {
      if (s.lon < sh.env.minX || s.lon > sh.env.maxX || s.lat < sh.env.minY || s.lat > sh.env.maxY) continue;
      if (sh.level === 'oblast' ? oblast : raion) continue;
      if (geos.preparedCoversXY(sh.prepared, s.lon, s.lat)) {
        if (sh.level === 'oblast') oblast = sh.code; else raion = sh.code;
      }
    }
    return { id, code: s.code, name: s.name, nameUk: s.nameUk, lon: s.lon, lat: s.lat, population: s.population, oblast, raion, names: s.names };
  }).filter((s) => s.oblast !== null || geos.preparedCoversXY(countryPrepared, s.lon, s.lat))
    .map((s, id) => ({ ...s, id }));

  progress('roads');
  const roads: RoadRecord[] = [];
  for (const [category, file] of Object.entries(ROAD_FILES) as [RoadRecord['category'], string][]) {
    for (const f of await readCollection(dir, file)) {
      if (!f.geometry) continue;
      const g = geos.fromGeoJSON(f.geometry);
      roads.push({ osmId: String(f.properties?.osm_id ?? ''), category, wkb: geos.toWkb(g), ref: str(f.properties?.ref), name: str(f.properties?.name) });
      geos.free(g);
    }
  }
  for (const sh of shapes) { geos.freePrepared(sh.prepared); geos.free(sh.geom); }
  geos.freePrepared(countryPrepared);
  geos.free(country);
  return {
    regions, settlements, roads,
    provenance: {
      from: dir,
      files: [...Object.values(BOUNDARY_FILES), ...Object.values(ROAD_FILES), 'gazetteer/wof_ua_localities.csv.gz', 'gazetteer/geonames_cities500_UA.tsv'],
      gazetteer: { inputRecords: report.inputRecords, settlements: report.settlements, merged: report.merged, droppedNames: report.droppedNames.length, rejected: report.rejected.length, outsideCountry: merged.length - settlements.length },
    },
  };
}
