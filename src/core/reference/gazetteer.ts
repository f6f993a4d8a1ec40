/**
 * Settlement gazetteer: merges locality records from Who's On First and GeoNames into settlements,
 * guards against records that carry another place's names, and searches them by any spelling.
 *
 * Pure module: no I/O (the files are read by src/importers/gazetteer-files.ts).
 *
 * Merge rules, in order:
 * 1. Reject records without finite coordinates or outside lon 22..41 / lat 44..53.
 * 2. Per record, drop variant names that describe an administrative unit (raion/district/oblast
 *    words: "Bakhmut Raion", "Бахмутський район", "Artemivsk i Luhansk oblast") and bare codes
 *    ("HRK"). A record's own `name` is never dropped.
 * 3. Anchors: a record's `name`, plus those of nameUk/nameRu/nameEn that fold close to it. A field
 *    that folds to an unrelated name (Сіверськ / name_en "Bakhmut") is not an anchor.
 * 4. Records with the same GeoNames id are one settlement when within 10 km of the id's main record
 *    (the GeoNames record itself when present). WOF carries wrong GeoNames ids (Nova Odesa with
 *    Odesa's id, 120 km away); such records stay apart and their id is not used for their code.
 * 5. Records within 3 km (towns: + √population / 50 km, at most 10 km) whose primary names each
 *    appear among the other's names are one settlement (kdbush spatial index), unless that would
 *    join two different GeoNames cities500 places.
 * 6. GeoNames-authority rule: in a settlement with a GeoNames cities500 record, a WOF variant that
 *    GeoNames does not list (nor anything close to it), that is no record's primary name, and that a
 *    settlement more than 15 km away attests more strongly (GeoNames lists it > primary name >
 *    more records) was copied from that place and is dropped; the copying record then keeps only
 *    names GeoNames confirms (equal or close) and its own primary names. Catches WOF 101869773 at
 *    Siversk carrying Bakhmut's and Bakhmut raion's names ("Bakhmut", "Bakmut", "Բախմուտ", …) and
 *    WOF 101752941 (Bakhmut's id and position) carrying Kipuche's (Кипуче, Kypuche, …).
 * 7. Size rule: a variant (no record's primary name) of a settlement that is also a name of a
 *    settlement with population ≥ 10,000 and ≥ 10× bigger (unknown population counts as 0), more
 *    than 15 km away, is dropped from the smaller one (GeoNames 712959, a "Bakhmut" in Poltava
 *    oblast, listing the city's spellings Bachmut, Bajmut, …; its own name Bakhmut stays).
 * 8. (Applied before 6–7.) A settlement without a GeoNames record claiming ≥ 10,000 people whose
 *    primary name is among the names of a GeoNames town of ≥ 10,000 more than 15 km away has its
 *    population dropped (WOF 101862733, a village Mykolaiv in Lviv oblast, with 498,748 people).
 * Display name and nameUk come only from names consistent with their record (step 3), so a record
 * like WOF 101869773 cannot make Siversk "Bakhmut" nor give Bakhmut the nameUk "Кипуче".
 * Every dropped name is recorded in report.droppedNames.
 */
import KDBush from 'kdbush';
import { distance } from 'fastest-levenshtein';
import { foldName, isUkrainianCyrillic, romanizeUkrainian } from './names.js';

export interface LocalityRecord {
  source: 'wof' | 'geonames';
  sourceId: string;
  geonamesId: string | null;
  name: string;
  nameUk: string | null;
  nameRu: string | null;
  nameEn: string | null;
  lon: number;
  lat: number;
  population: number | null;
  oblastIso: string | null; // e.g. 'UA-14'
  names: string[]; // every variant the record gives
}

export interface Settlement {
  /** Stable id: 'gn:<geonamesId>' when a merged record has a trustworthy GeoNames id, else 'wof:<id>'. */
  code: string;
  /** Best English/Latin display name (GeoNames cities500 name when present: usually the current official romanisation). */
  name: string;
  nameUk: string | null;
  lon: number;
  lat: number;
  population: number | null;
  /** All variants, de-duplicated (exact strings), including Cyrillic. */
  names: string[];
  /** Records merged into this settlement, e.g. ['wof:1126024311', 'geonames:713174']. */
  sources: string[];
}

export interface MergeReport {
  inputRecords: number;
  settlements: number;
  /** Accepted records absorbed into another record's settlement: accepted − settlements. */
  merged: number;
  droppedNames: { code: string; name: string; reason: string }[];
  /** `sourceId` is '<source>:<id>', e.g. 'wof:101869773'. */
  rejected: { sourceId: string; reason: string }[];
  /** Records whose GeoNames id points at a place more than 10 km away: kept apart, id not trusted. */
  suspectGeonamesIds: { sourceId: string; geonamesId: string; km: number }[];
  /** WOF-only populations not trusted (copied from a same-named GeoNames town far away). */
  droppedPopulations: { code: string; population: number; reason: string }[];
}

/** Distances and thresholds (km, people). */
const GEONAMES_ID_MAX_KM = 10;
const SAME_PLACE_KM = 3;
/** Towns are bigger than villages: the same-place radius grows with √population, up to 10 km. */
const SAME_PLACE_MAX_KM = 10;
const samePlaceKm = (population: number | null) =>
  Math.min(SAME_PLACE_MAX_KM, SAME_PLACE_KM + Math.sqrt(Math.max(0, population ?? 0)) / 50);
const FOREIGN_KM = 15;
const BIG_POPULATION = 10_000;
const BIG_RATIO = 10;
const BBOX = { minLon: 22, maxLon: 41, minLat: 44, maxLat: 53 };

/** Folded words that mark a name as an administrative unit, not a locality. */
const ADMIN_WORDS = [
  ...new Set(
    ['raion', 'rayon', 'rajon', 'rejon', 'rajoon', 'raión', 'район', 'раён', 'district', 'oblast', 'область', 'okrug'].map(
      foldName,
    ),
  ),
];
const ADMIN_RE = new RegExp(`(?:^| )(?:${ADMIN_WORDS.join('|')})(?: |$)`);

interface Rec {
  r: LocalityRecord;
  idx: number; // position in the input
  pos: number; // position among accepted records
  id: string; // '<source>:<sourceId>'
  x: number; // km, local equirectangular projection
  y: number;
  /** Folded primary name plus the nameUk/nameRu/nameEn fields that fold close to it. */
  anchors: Set<string>;
  own: string; // trimmed primary name, never dropped
  /** Surviving variant names, raw string → folded key. */
  names: Map<string, string>;
  gnTrusted: boolean;
}

interface Cluster {
  recs: Rec[];
  rep: Rec;
  lon: number;
  lat: number;
  population: number | null;
  anchors: Set<string>;
  code: string;
}

const R_EARTH = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km. */
function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R_EARTH * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Two folded keys name the same thing (allowing transliteration drift: Vivcharove / Ovcharovo). */
function related(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const allowed = Math.max(1, Math.floor(0.34 * Math.max(a.length, b.length)));
  if (Math.abs(a.length - b.length) > allowed) return false;
  return distance(a, b) <= allowed;
}

function isAdminName(key: string): boolean {
  return ADMIN_RE.test(key);
}

/** Airport / ICAO-style codes that GeoNames lists among alternate names ("HRK"). */
function isCode(name: string): boolean {
  return /^[A-Z0-9]{2,4}$/.test(name);
}

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
}

export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Best record to represent a group: GeoNames cities500 first, then trusted id, population, input order. */
function betterRep(a: Rec, b: Rec): Rec {
  const ga = a.r.source === 'geonames' ? 1 : 0;
  const gb = b.r.source === 'geonames' ? 1 : 0;
  if (ga !== gb) return ga > gb ? a : b;
  const ta = a.r.geonamesId && a.gnTrusted ? 1 : 0;
  const tb = b.r.geonamesId && b.gnTrusted ? 1 : 0;
  if (ta !== tb) return ta > tb ? a : b;
  const pa = a.r.population ?? -1;
  const pb = b.r.population ?? -1;
  if (pa !== pb) return pa > pb ? a : b;
  return a.idx <= b.idx ? a : b;
}

function isLatin(s: string): boolean {
  return /\p{Script=Latin}/u.test(s) && !/[^\p{Script=Latin}\p{Script=Common}\p{M}]/u.test(s);
}

/** Typographic apostrophes in display names become ASCII ones. */
function tidy(s: string): string {
  return s.replace(/[’ʼ`´]/g, "'").replace(/\s+/g, ' ').trim();
}

export function mergeLocalities(records: LocalityRecord[]): { settlements: Settlement[]; report: MergeReport } {
  const report: MergeReport = {
    inputRecords: records.length,
    settlements: 0,
    merged: 0,
    droppedNames: [],
    rejected: [],
    suspectGeonamesIds: [],
    droppedPopulations: [],
  };
  const fold = foldName;

  // --- 1–3: validate, clean, anchors -------------------------------------------------------
  const recs: Rec[] = [];
  const pendingDrops: { rec: Rec; name: string; reason: string }[] = [];
  const kmPerDegLon = 111.32 * Math.cos(48.5 * RAD);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const id = `${r.source}:${r.sourceId}`;
    if (!Number.isFinite(r.lon) || !Number.isFinite(r.lat)) {
      report.rejected.push({ sourceId: id, reason: 'no coordinates' });
      continue;
    }
    if (r.lon < BBOX.minLon || r.lon > BBOX.maxLon || r.lat < BBOX.minLat || r.lat > BBOX.maxLat) {
      report.rejected.push({ sourceId: id, reason: `outside Ukraine's bounding box (${r.lon}, ${r.lat})` });
      continue;
    }
    const key = fold(r.name);
    const rec: Rec = {
      r,
      idx: i,
      pos: recs.length,
      id,
      x: r.lon * kmPerDegLon,
      y: r.lat * 110.574,
      anchors: new Set(),
      own: r.name.trim(),
      names: new Map(),
      gnTrusted: true,
    };
    if (key) rec.anchors.add(key);
    for (const field of [r.nameUk, r.nameRu, r.nameEn]) {
      if (!field?.trim()) continue;
      const k = fold(field);
      if (!k || isAdminName(k)) continue;
      if (related(k, key)) rec.anchors.add(k);
    }
    const addName = (raw: string | null) => {
      const n = raw?.trim();
      if (!n || rec.names.has(n)) return;
      const k = fold(n);
      if (!k) return;
      if (n !== rec.own) {
        if (isAdminName(k)) {
          pendingDrops.push({ rec, name: n, reason: 'administrative-unit name (raion/district/oblast)' });
          return;
        }
        if (isCode(n)) {
          pendingDrops.push({ rec, name: n, reason: 'code, not a name' });
          return;
        }
      }
      rec.names.set(n, k);
    };
    addName(r.name);
    addName(r.nameUk);
    addName(r.nameRu);
    addName(r.nameEn);
    for (const n of r.names) addName(n);
    recs.push(rec);
  }

  const uf = new UnionFind(recs.length);
  // Per union-find root: the GeoNames cities500 id it contains (at most one), to refuse joining two.
  const rootGn = new Map<number, string>();
  recs.forEach((rec, i) => {
    if (rec.r.source === 'geonames') rootGn.set(i, rec.r.sourceId);
  });
  const union = (a: number, b: number): boolean => {
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra === rb) return true;
    const ga = rootGn.get(ra);
    const gb = rootGn.get(rb);
    if (ga && gb && ga !== gb) return false;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    uf.parent[drop] = keep;
    if (!rootGn.has(keep) && rootGn.has(drop)) rootGn.set(keep, rootGn.get(drop)!);
    return true;
  };

  // --- 4: same GeoNames id --------------------------------------------------------------------
  const byGn = new Map<string, number[]>();
  recs.forEach((rec, i) => {
    const g = rec.r.geonamesId;
    if (g) (byGn.get(g) ?? byGn.set(g, []).get(g)!).push(i);
  });
  for (const [gid, members] of byGn) {
    let main = members[0];
    for (const m of members) if (betterRep(recs[m], recs[main]) === recs[m]) main = m;
    const a = recs[main];
    for (const m of members) {
      if (m === main) continue;
      const b = recs[m];
      const km = haversineKm(a.r.lat, a.r.lon, b.r.lat, b.r.lon);
      if (km <= GEONAMES_ID_MAX_KM && union(main, m)) continue;
      b.gnTrusted = false;
      report.suspectGeonamesIds.push({ sourceId: b.id, geonamesId: gid, km: Math.round(km * 10) / 10 });
    }
  }

  // --- 5: same place, same name -----------------------------------------------------------------
  // Same place: within 3 km (more for towns, see samePlaceKm). Same name: each record's primary name
  // (an anchor) is among the other's names — a shared primary name is the usual case; the mutual
  // form also joins a renamed town's old-name and new-name records (Краснодон / Sorokyne) without
  // letting a village absorb a record that merely lists the village's old name.
  const kd = new KDBush(recs.length);
  for (const rec of recs) kd.add(rec.x, rec.y);
  kd.finish();
  const namesOther = (a: number, b: number) => {
    const anchors = recs[a].anchors;
    for (const k of recs[b].names.values()) if (anchors.has(k)) return true;
    return false;
  };
  for (let i = 0; i < recs.length; i++) {
    const a = recs[i];
    const ra = samePlaceKm(a.r.population);
    const near = kd.within(a.x, a.y, ra * 1.15).sort((p, q) => p - q);
    for (const j of near) {
      if (j === i) continue;
      const b = recs[j];
      const rb = samePlaceKm(b.r.population);
      // The pair is examined from the record with the larger radius (or the lower index on a tie).
      if (rb > ra || (rb === ra && j < i)) continue;
      if (!namesOther(i, j) || !namesOther(j, i)) continue;
      if (haversineKm(a.r.lat, a.r.lon, b.r.lat, b.r.lon) > ra) continue;
      union(i, j);
    }
  }

  // --- clusters ----------------------------------------------------------------------------------
  const clusterOf = new Int32Array(recs.length);
  const rootToCluster = new Map<number, number>();
  const clusters: Cluster[] = [];
  for (let i = 0; i < recs.length; i++) {
    const root = uf.find(i);
    let c = rootToCluster.get(root);
    if (c === undefined) {
      c = clusters.length;
      rootToCluster.set(root, c);
      clusters.push({ recs: [], rep: recs[i], lon: 0, lat: 0, population: null, anchors: new Set(), code: '' });
    }
    clusterOf[i] = c;
    clusters[c].recs.push(recs[i]);
  }
  const usedCodes = new Set<string>();
  for (const c of clusters) {
    for (const rec of c.recs) {
      c.rep = betterRep(rec, c.rep);
      for (const k of rec.anchors) c.anchors.add(k);
    }
    c.lon = c.rep.r.lon;
    c.lat = c.rep.r.lat;
    const gnPop = c.recs.find((x) => x.r.source === 'geonames' && (x.r.population ?? 0) > 0)?.r.population;
    let maxPop: number | null = null;
    for (const rec of c.recs) {
      const p = rec.r.population;
      if (p !== null && p > 0 && (maxPop === null || p > maxPop)) maxPop = p;
    }
    c.population = gnPop ?? maxPop;
    let gnRec: Rec | undefined = c.rep.r.geonamesId && c.rep.gnTrusted ? c.rep : undefined;
    for (const x of c.recs) if (!gnRec && x.r.geonamesId && x.gnTrusted) gnRec = x;
    let code = gnRec ? `gn:${gnRec.r.geonamesId}` : '';
    if (!code || usedCodes.has(code)) {
      const wof = c.recs.filter((x) => x.r.source === 'wof').sort((p, q) => p.idx - q.idx)[0] ?? c.rep;
      code = `${wof.r.source === 'wof' ? 'wof' : 'gn'}:${wof.r.sourceId}`;
    }
    usedCodes.add(code);
    c.code = code;
  }
  // --- 8 (before 6–7, which use populations): population sanity ---------------------------------
  // GeoNames cities500 lists every place with ≥ 500 people. A settlement without a GeoNames record
  // claiming ≥ 10,000 people, whose primary name is among the names of a GeoNames town of ≥ 10,000
  // more than 15 km away, carries that town's population (WOF 101862733, a village Mykolaiv in Lviv oblast
  // with 498,748 people): its population is dropped.
  const gnBig = new Map<string, number[]>();
  clusters.forEach((c, ci) => {
    if ((c.population ?? 0) < BIG_POPULATION || !c.recs.some((x) => x.r.source === 'geonames')) return;
    for (const rec of c.recs) for (const k of rec.names.values()) (gnBig.get(k) ?? gnBig.set(k, []).get(k)!).push(ci);
  });
  for (const c of clusters) {
    if ((c.population ?? 0) < BIG_POPULATION || c.recs.some((x) => x.r.source === 'geonames')) continue;
    let town: { c: Cluster; km: number } | null = null;
    for (const k of c.anchors) {
      for (const oi of gnBig.get(k) ?? []) {
        const km = haversineKm(c.lat, c.lon, clusters[oi].lat, clusters[oi].lon);
        if (km > FOREIGN_KM && (!town || km < town.km)) town = { c: clusters[oi], km };
      }
    }
    if (!town) continue;
    report.droppedPopulations.push({
      code: c.code,
      population: c.population!,
      reason: `not in GeoNames; shares its name with ${town.c.rep.r.name} (${town.c.code}, pop ${town.c.population}), ${Math.round(town.km)} km away`,
    });
    c.population = null;
  }

  for (const d of pendingDrops) {
    report.droppedNames.push({ code: clusters[clusterOf[d.rec.pos]].code, name: d.name, reason: d.reason });
  }

  // Rule 6 only asks about names of WOF records in settlements that have a GeoNames record.
  const isGnCluster = clusters.map((c) => c.recs.some((x) => x.r.source === 'geonames'));
  const askedKeys = new Set<string>();
  clusters.forEach((c, ci) => {
    if (!isGnCluster[ci]) return;
    for (const rec of c.recs) if (rec.r.source !== 'geonames') rec.names.forEach((k) => askedKeys.add(k));
  });
  // Asked key → settlements whose records give it, one entry per record (so a settlement may
  // repeat, adjacently); kept current as names drop.
  const keyIndex = new Map<string, number[]>();
  const recKeys = new Set<string>();
  clusters.forEach((c, ci) => {
    for (const rec of c.recs) {
      recKeys.clear();
      rec.names.forEach((k) => {
        if (askedKeys.has(k)) recKeys.add(k);
      });
      for (const k of recKeys) {
        const list = keyIndex.get(k);
        if (list) list.push(ci);
        else keyIndex.set(k, [ci]);
      }
    }
  });
  /** Distinct settlements carrying key `k` (a settlement's entries are adjacent in its list). */
  const carriers = (k: string): number[] => {
    const list = keyIndex.get(k);
    if (!list) return [];
    return list.length === 1 ? list : list.filter((x, i) => i === 0 || list[i - 1] !== x);
  };
  const recordCount = (k: string, ci: number) => {
    let n = 0;
    for (const x of keyIndex.get(k) ?? []) if (x === ci) n++;
    return n;
  };
  /** Drops every variant of `rec` with key `k` (never the record's own name). */
  const dropKey = (rec: Rec, ci: number, k: string, reason: string) => {
    let left = false;
    rec.names.forEach((kk, n) => {
      if (kk !== k) return;
      if (n === rec.own) left = true;
      else {
        rec.names.delete(n);
        report.droppedNames.push({ code: clusters[ci].code, name: n, reason });
      }
    });
    if (left) return;
    const list = keyIndex.get(k);
    const at = list ? list.indexOf(ci) : -1;
    if (at >= 0) list!.splice(at, 1);
  };
  const clusterKm = (a: Cluster, b: Cluster) => haversineKm(a.lat, a.lon, b.lat, b.lon);
  const gnKeys: (Set<string> | null)[] = clusters.map((c, ci) => {
    if (!isGnCluster[ci]) return null;
    const keys = new Set<string>();
    for (const g of c.recs) if (g.r.source === 'geonames') g.names.forEach((k) => keys.add(k));
    return keys;
  });
  /** How strongly a settlement attests a name: GeoNames lists it > a record's primary name > record count. */
  const support = (k: string, ci: number) =>
    (gnKeys[ci]?.has(k) ? 100 : 0) + (clusters[ci].anchors.has(k) ? 10 : 0) + recordCount(k, ci);
  const relatedToAny = (k: string, keys: Iterable<string>) => {
    for (const o of keys) if (related(k, o)) return true;
    return false;
  };

  // --- 6: GeoNames-authority rule -------------------------------------------------------------
  // In a settlement with a GeoNames cities500 record, a variant that only WOF gives (not in GeoNames'
  // list nor close to it, not a record's primary name) and that a settlement more than 15 km away
  // attests more strongly was copied from that place: WOF 101869773 at Siversk carrying Bakhmut's
  // names, WOF 101752941 (Bakhmut's id and position) carrying Kipuche's. Such a record then keeps
  // only names GeoNames confirms and its own primary names (so "Bakmut", "Բախմուտ" go too).
  clusters.forEach((c, ci) => {
    const gk = gnKeys[ci];
    if (!gk) return;
    for (const rec of c.recs) {
      if (rec.r.source === 'geonames') continue;
      const sourcesOfNames = new Map<number, number>(); // settlement → km
      // Map.forEach tolerates deletion of visited and unvisited entries (dropKey).
      rec.names.forEach((k) => {
        if (gk.has(k) || c.anchors.has(k)) return;
        const mine = support(k, ci);
        // The settlement attesting the name most strongly (then the nearest) names the source.
        let far: { oi: number; km: number; sup: number } | null = null;
        for (const oi of carriers(k)) {
          const sup = support(k, oi);
          if (oi === ci || sup <= mine) continue;
          const km = clusterKm(c, clusters[oi]);
          if (km > FOREIGN_KM && (!far || sup > far.sup || (sup === far.sup && km < far.km))) far = { oi, km, sup };
        }
        if (!far || relatedToAny(k, gk)) return;
        const o = clusters[far.oi];
        sourcesOfNames.set(far.oi, far.km);
        dropKey(rec, ci, k, `${rec.id}: not among GeoNames' names here; name of ${o.rep.r.name} (${o.code}), ${Math.round(far.km)} km away`);
      });
      if (sourcesOfNames.size === 0) continue;
      // This record copies another place's names: keep only what GeoNames confirms here (equal or
      // close) and the record's own primary names; drop the rest, foreign scripts included.
      const [[oi, km]] = [...sourcesOfNames].sort((p, q) => p[1] - q[1]);
      const o = clusters[oi];
      rec.names.forEach((k) => {
        if (gk.has(k) || c.anchors.has(k) || relatedToAny(k, gk)) return;
        dropKey(rec, ci, k, `${rec.id}: unconfirmed name of a record copying ${o.rep.r.name}'s names (${o.code}, ${Math.round(km)} km away)`);
      });
    }
  });

  // --- 7: size rule ------------------------------------------------------------------------------
  // Keys of big settlements (population ≥ 10,000) → those settlements.
  const bigKeys = new Map<string, number[]>();
  clusters.forEach((c, ci) => {
    if ((c.population ?? 0) < BIG_POPULATION) return;
    for (const rec of c.recs) {
      rec.names.forEach((k) => {
        const list = bigKeys.get(k);
        if (!list) bigKeys.set(k, [ci]);
        else if (list[list.length - 1] !== ci) list.push(ci);
      });
    }
  });
  clusters.forEach((c, ci) => {
    const myPop = c.population ?? 0;
    for (const rec of c.recs) {
      rec.names.forEach((k, n) => {
        if (n === rec.own || c.anchors.has(k)) return;
        for (const oi of bigKeys.get(k) ?? []) {
          const o = clusters[oi];
          const p = o.population ?? 0;
          if (oi === ci || p < BIG_RATIO * myPop) continue;
          const km = clusterKm(c, o);
          if (km <= FOREIGN_KM) continue;
          dropKey(rec, ci, k, `name of ${o.rep.r.name} (${o.code}, pop ${p}), ${Math.round(km)} km away`);
          return;
        }
      });
    }
  });

  // --- settlements -------------------------------------------------------------------------------
  const settlements: Settlement[] = clusters.map((c) => buildSettlement(c, fold));
  report.settlements = settlements.length;
  report.merged = recs.length - settlements.length;
  // De-duplicate dropped names (a name may be dropped from several records of one settlement).
  const seen = new Set<string>();
  report.droppedNames = report.droppedNames.filter((d) => {
    const k = `${d.code}\u0000${d.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { settlements, report };
}

function buildSettlement(c: Cluster, fold: (s: string) => string): Settlement {
  let names: string[];
  let recs: Rec[];
  if (c.recs.length === 1) {
    recs = c.recs;
    names = [...c.recs[0].names.keys()];
  } else {
    recs = [...c.recs].sort((a, b) => (a === c.rep ? -1 : b === c.rep ? 1 : a.idx - b.idx));
    const seen = new Set<string>();
    names = [];
    for (const rec of recs) {
      for (const n of rec.names.keys()) {
        if (!seen.has(n)) {
          seen.add(n);
          names.push(n);
        }
      }
    }
  }

  // Ukrainian-name candidates: primary names / nameUk fields that agree with their own record (so
  // never a field naming another place), then Ukrainian-Cyrillic variants that survived cleaning.
  const ukFields = new Set<string>();
  for (const rec of recs) {
    for (const f of [rec.r.nameUk, rec.r.name]) {
      const t = f?.trim();
      if (t && rec.anchors.has(fold(t)) && isUkrainianCyrillic(t)) ukFields.add(t);
    }
  }
  const ukCandidates = [...ukFields, ...names.filter((n) => !ukFields.has(n) && isUkrainianCyrillic(n))];
  const romanized = new Map<string, string>();
  const rom = (u: string) => {
    let r = romanized.get(u);
    if (r === undefined) romanized.set(u, (r = romanizeUkrainian(u)));
    return r;
  };
  /**
   * The Ukrainian name behind a Latin name: best is one whose official romanisation IS that name
   * (Лисичанськ for Lysychansk, not the Belarusian Лісічанск); else one that folds like it and is
   * evidently Ukrainian (a record's own nameUk/name, or Ukrainian letters і ї є ґ ь as in -ський),
   * so a Russian spelling without Russian-only letters (Новая Каховка) is not taken for Ukrainian.
   * A field beats a variant; Ukrainian letters break ties (Кропивницький, not Кропивницкий).
   */
  const ukFor = (latin: string): string | null => {
    const lt = tidy(latin).toLowerCase();
    const lk = fold(latin);
    let best: string | null = null;
    let bestScore = 0;
    for (const u of ukCandidates) {
      const r = rom(u);
      const field = ukFields.has(u);
      const ukLetters = /[іїєґь]/i.test(u);
      // fold(u) equals fold(romanisation of u) for Ukrainian Cyrillic, and is already memoised.
      const match = r.toLowerCase() === lt ? 4 : (field || ukLetters) && fold(u) === lk ? 2 : 0;
      if (!match) continue;
      const score = match + (field ? 1 : 0) + (ukLetters ? 0.5 : 0);
      if (score > bestScore) {
        best = u;
        bestScore = score;
      }
    }
    return best;
  };

  // Display name: GeoNames' (usually the current name), spelled in the official (KMU 2010)
  // romanisation of the matching Ukrainian name; else the official romanisation of a Ukrainian name
  // agreeing with a Latin primary name; else that Latin name; else the romanised Cyrillic name.
  let display: string;
  let nameUk: string | null;
  const gnRecs = recs.filter((x) => x.r.source === 'geonames');
  const gnName = gnRecs.length > 0 ? gnRecs.reduce((a, b) => betterRep(a, b)).r.name : null;
  if (gnName && isLatin(gnName)) {
    // GeoNames' name, in the official romanisation of its Ukrainian form when they are the same
    // name (GeoNames still writes Mykolayiv, Zaporizhzhya, Kryvyy Rih).
    nameUk = ukFor(gnName);
    display = tidy(nameUk ? rom(nameUk) : gnName);
  } else if (gnName && isUkrainianCyrillic(gnName)) {
    // GeoNames occasionally has a Cyrillic primary name (Розгирче): romanise it officially.
    nameUk = gnName.trim();
    display = tidy(romanizeUkrainian(nameUk));
  } else {
    const latin: string[] = [];
    for (const rec of recs) {
      if (isLatin(rec.r.name)) latin.push(rec.r.name);
      const en = rec.r.nameEn;
      if (en && isLatin(en) && rec.anchors.has(fold(en))) latin.push(en);
    }
    display = '';
    nameUk = null;
    for (const l of latin) {
      nameUk = ukFor(l);
      if (nameUk) {
        display = tidy(rom(nameUk));
        break;
      }
    }
    if (!display && latin.length > 0) display = tidy(latin[0]);
    if (!display) {
      const cyr = recs.map((x) => x.r.name.trim()).find((n) => /\p{Script=Cyrillic}/u.test(n));
      display = tidy(cyr ? romanizeUkrainian(cyr) : c.rep.r.name);
    }
  }
  if (!nameUk) {
    // A Ukrainian primary name / nameUk field close to the display name (e.g. an older spelling).
    const dk = fold(display);
    nameUk = [...ukFields].find((u) => related(fold(u), dk)) ?? null;
  }
  const finalNames = [display, ...(nameUk ? [nameUk] : []), ...names.filter((n) => n !== display && n !== nameUk)];
  return {
    code: c.code,
    name: display,
    nameUk,
    lon: c.lon,
    lat: c.lat,
    population: c.population,
    names: [...new Set(finalNames)],
    sources: recs.map((x) => x.id),
  };
}
