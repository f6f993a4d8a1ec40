/**
 * Reads the settlement gazetteer files of the reference data set into LocalityRecords
 * (I/O shell around src/core/reference/gazetteer.ts).
 *
 * - `gazetteer/wof_ua_localities.csv.gz`: Who's On First localities (CSV with a header and quoted
 *   fields; `all_names` is `|`-separated). Rows with a non-empty `deprecated` date are skipped:
 *   WOF retires a record when it is superseded or wrong. In the 2025 extract that is 38 rows, and
 *   every one is either a duplicate of a live record at the same place (Рокитне, Помічна, Козятин,
 *   Бахмач…, retired 2018) or a GeoNames-derived point retired in 2024; places with ≥ 500 people
 *   remain covered by GeoNames.
 * - `gazetteer/geonames_cities500_UA.tsv`: GeoNames places with population ≥ 500 (standard columns
 *   with a header; `alternatenames` comma-separated; no quoting). Only feature class P is kept.
 *   GeoNames' numeric admin1 codes are mapped to ISO 3166-2 oblast codes.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { LocalityRecord } from '../core/reference/gazetteer.js';

export const WOF_LOCALITIES = 'gazetteer/wof_ua_localities.csv.gz';
export const GEONAMES_CITIES = 'gazetteer/geonames_cities500_UA.tsv';

/** GeoNames admin1 code (UA) → ISO 3166-2. Checked against WOF `region_iso` of shared GeoNames ids. */
const GEONAMES_ADMIN1_ISO: Record<string, string> = {
  '01': 'UA-71', // Cherkasy
  '02': 'UA-74', // Chernihiv
  '03': 'UA-77', // Chernivtsi
  '04': 'UA-12', // Dnipropetrovsk
  '05': 'UA-14', // Donetsk
  '06': 'UA-26', // Ivano-Frankivsk
  '07': 'UA-63', // Kharkiv
  '08': 'UA-65', // Kherson
  '09': 'UA-68', // Khmelnytskyi
  '10': 'UA-35', // Kirovohrad
  '11': 'UA-43', // Crimea
  '12': 'UA-30', // Kyiv city
  '13': 'UA-32', // Kyiv oblast
  '14': 'UA-09', // Luhansk
  '15': 'UA-46', // Lviv
  '16': 'UA-48', // Mykolaiv
  '17': 'UA-51', // Odesa
  '18': 'UA-53', // Poltava
  '19': 'UA-56', // Rivne
  '20': 'UA-40', // Sevastopol
  '21': 'UA-59', // Sumy
  '22': 'UA-61', // Ternopil
  '23': 'UA-05', // Vinnytsia
  '24': 'UA-07', // Volyn
  '25': 'UA-21', // Zakarpattia
  '26': 'UA-23', // Zaporizhzhia
  '27': 'UA-18', // Zhytomyr
};

async function readRequired(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`Gazetteer file not found: ${path}`);
    throw new Error(`Cannot read gazetteer file ${path}: ${(err as Error).message}`);
  }
}

const orNull = (s: string | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/** Number or null; non-positive populations mean "unknown" in both sources. */
function population(s: string | undefined): number | null {
  const n = Number(s?.trim() || NaN);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Coordinates: an empty field is NaN (mergeLocalities rejects the record), never 0. */
function coord(s: string | undefined): number {
  const t = s?.trim();
  return t ? Number(t) : NaN;
}

function splitNames(s: string | undefined, sep: string): string[] {
  if (!s) return [];
  return s
    .split(sep)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

export async function readWofLocalities(path: string): Promise<LocalityRecord[]> {
  const buf = gunzipSync(await readRequired(path));
  const rows = parse(buf, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const out: LocalityRecord[] = [];
  for (const row of rows) {
    if (row.deprecated?.trim()) continue;
    out.push({
      source: 'wof',
      sourceId: row.wof_id,
      geonamesId: orNull(row.geonames_id),
      name: row.name?.trim() ?? '',
      nameUk: orNull(row.name_uk),
      nameRu: orNull(row.name_ru),
      nameEn: orNull(row.name_en),
      lon: coord(row.lon),
      lat: coord(row.lat),
      population: population(row.population),
      oblastIso: orNull(row.region_iso),
      names: splitNames(row.all_names, '|'),
    });
  }
  return out;
}

export async function readGeonamesCities(path: string): Promise<LocalityRecord[]> {
  const buf = await readRequired(path);
  const rows = parse(buf, {
    columns: true,
    delimiter: '\t',
    quote: false, // GeoNames does not quote; names may contain '"'
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const out: LocalityRecord[] = [];
  for (const row of rows) {
    if (row.feature_class !== 'P') continue;
    const name = row.name?.trim() ?? '';
    out.push({
      source: 'geonames',
      sourceId: row.geonameid,
      geonamesId: orNull(row.geonameid),
      name,
      nameUk: null,
      nameRu: null,
      nameEn: null,
      lon: coord(row.longitude),
      lat: coord(row.latitude),
      population: population(row.population),
      oblastIso: GEONAMES_ADMIN1_ISO[row.admin1_code] ?? null,
      names: [...new Set([name, row.asciiname?.trim() ?? '', ...splitNames(row.alternatenames, ',')].filter((n) => n))],
    });
  }
  return out;
}

/**
 * All locality records of the reference directory (the directory holding `gazetteer/`):
 * WOF records first, then GeoNames records. Throws an Error naming the path of a missing file.
 */
export async function readLocalityRecords(referenceDir: string): Promise<LocalityRecord[]> {
  const [wof, geonames] = await Promise.all([
    readWofLocalities(join(referenceDir, WOF_LOCALITIES)),
    readGeonamesCities(join(referenceDir, GEONAMES_CITIES)),
  ]);
  return [...wof, ...geonames];
}
