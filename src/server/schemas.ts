/** Request and response schemas (TypeBox): validation, types and the OpenAPI document in one place. */
import { Type } from 'typebox';

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'UTC calendar date, YYYY-MM-DD', examples: ['2022-05-25'] });
export const RegionQuery = Type.String({ minLength: 1, maxLength: 100, description: 'region code (UA, UA-09, UA4412) or name in any spelling', examples: ['UA-09', 'Luhansk'] });

const StatusFigure = Type.Object({ areaKm2: Type.Number(), share: Type.Number() });
const ByStatus = Type.Object({
  occupied: StatusFigure, occupiedBefore2022: StatusFigure, contested: StatusFigure, ukraine: StatusFigure, liberated: StatusFigure,
});
const Count = Type.Object({ count: Type.Integer(), population: Type.Integer() });
const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), areaKm2: Type.Number() });
const VersionRef = Type.Object({ id: Type.Integer(), validAt: Type.String() });

export const ErrorBody = Type.Object({
  code: Type.String(), message: Type.String(),
  suggestions: Type.Optional(Type.Array(Type.String())),
  first: Type.Optional(Type.String()), last: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
}, { $id: 'Error' });

export const errors = { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody };

export const StatsQuery = Type.Object({ date: DateString, region: Type.Optional(RegionQuery) }, { additionalProperties: false });
export const StatsBody = Type.Object({
  date: Type.String(), version: VersionRef, region: RegionRef, byStatus: ByStatus,
  settlements: Type.Object({ ukraine: Count, occupied: Count, occupiedBefore2022: Count, contested: Count, liberated: Count }),
});

export const SeriesQuery = Type.Object({ region: Type.Optional(RegionQuery), from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false });
export const SeriesBody = Type.Object({
  region: RegionRef, from: Type.String(), to: Type.String(),
  rows: Type.Array(Type.Object({ date: Type.String(), versionId: Type.Union([Type.Integer(), Type.Null()]), validAt: Type.Union([Type.String(), Type.Null()]), byStatus: Type.Union([ByStatus, Type.Null()]) })),
});

export const DiffQuery = Type.Object({ from: DateString, to: DateString, region: Type.Optional(RegionQuery) }, { additionalProperties: false });
const DateRef = Type.Object({ date: Type.String(), versionId: Type.Integer(), validAt: Type.String() });
const SettlementChange = Type.Object({
  name: Type.String(), code: Type.String(), from: Type.String(), to: Type.String(), population: Type.Union([Type.Integer(), Type.Null()]),
  oblast: Type.Union([Type.String(), Type.Null()]), raion: Type.Union([Type.String(), Type.Null()]), lon: Type.Number(), lat: Type.Number(),
});
export const DiffBody = Type.Object({
  from: DateRef, to: DateRef, region: RegionRef,
  transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), areaKm2: Type.Number(), byRegion: Type.Array(Type.Object({ code: Type.String(), areaKm2: Type.Number() })) })),
  settlements: Type.Array(SettlementChange),
});
export const ControlQuery = Type.Object({
  date: DateString,
  bbox: Type.Optional(Type.String({ description: 'west,south,east,north in degrees', examples: ['37,48,39,49.5'] })),
  zoom: Type.Optional(Type.Integer({ minimum: 0, maximum: 22, description: 'simplify for display at this web-map zoom' })),
}, { additionalProperties: false });
export const DiffGeoJSONQuery = Type.Object({ from: DateString, to: DateString }, { additionalProperties: false });

export const SettlementsQuery = Type.Object({
  date: DateString, region: Type.Optional(RegionQuery),
  status: Type.Optional(Type.Union(['occupied', 'occupiedBefore2022', 'contested', 'ukraine', 'liberated'].map((s) => Type.Literal(s)))),
}, { additionalProperties: false });
export const SettlementsBody = Type.Object({
  date: Type.String(), version: VersionRef, region: RegionRef, status: Type.Union([Type.String(), Type.Null()]),
  settlements: Type.Array(Type.Object({
    name: Type.String(), code: Type.String(), status: Type.String(), population: Type.Union([Type.Integer(), Type.Null()]),
    oblast: Type.Union([Type.String(), Type.Null()]), raion: Type.Union([Type.String(), Type.Null()]), lon: Type.Number(), lat: Type.Number(),
  })),
});

export const VersionsBody = Type.Array(Type.Object({
  id: Type.Integer(), validAt: Type.String(), source: Type.String(), file: Type.String(), contentHash: Type.String(), importedAt: Type.String(),
  summary: Type.Record(Type.String(), Type.Unknown()),
}));
export const DatesBody = Type.Object({ dates: Type.Array(Type.String()) });

export const RegionsBody = Type.Array(Type.Object({
  code: Type.String(), name: Type.String(), level: Type.String(), areaKm2: Type.Number(),
  nameUk: Type.Union([Type.String(), Type.Null()]), nameRu: Type.Union([Type.String(), Type.Null()]),
  parent: Type.Union([Type.String(), Type.Null()]), sourceAreaKm2: Type.Number(),
}));

export const PlacesQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }, { additionalProperties: false });
export const PlacesBody = Type.Array(Type.Object({
  kind: Type.Union([Type.Literal('settlement'), Type.Literal('region')]), code: Type.String(), name: Type.String(),
  nameUk: Type.Union([Type.String(), Type.Null()]), lon: Type.Number(), lat: Type.Number(),
  population: Type.Union([Type.Integer(), Type.Null()]), oblast: Type.Union([Type.String(), Type.Null()]),
  bbox: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: 'west, south, east, north' })),
}));
const HistorySource = Type.Object({ url: Type.String(), publisher: Type.String(), publishedAt: Type.Union([Type.String(), Type.Null()]), archiveUrl: Type.Union([Type.String(), Type.Null()]) });
export const HistoryParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export const HistoryBody = Type.Object({ code: Type.String(), name: Type.String(), lon: Type.Number(), lat: Type.Number(), oblast: Type.Union([Type.String(), Type.Null()]), population: Type.Union([Type.Integer(), Type.Null()]), history: Type.Array(Type.Object({
  date: Type.String(), validAt: Type.String(), status: Type.String(), source: Type.String({ description: 'who published the version: deepstate, frontline (the team), …' }),
  sources: Type.Optional(Type.Array(HistorySource, { description: 'team versions: the sources of the published changes covering the settlement' })),
})), events: Type.Array(Type.Object({
  time: Type.String(), date: Type.String(), type: Type.String(), side: Type.String(), confidence: Type.String(), note: Type.Union([Type.String(), Type.Null()]), versionId: Type.Integer(),
  sources: Type.Array(HistorySource),
}), { description: 'events the team published at this settlement (capture, withdrawal, …), oldest first' }) });

export const TileParams = Type.Object({
  z: Type.Integer({ minimum: 0, maximum: 22 }), x: Type.Integer({ minimum: 0 }), y: Type.Integer({ minimum: 0 }),
});
export const ControlTileParams = Type.Object({ date: DateString, z: TileParams.properties.z, x: TileParams.properties.x, y: TileParams.properties.y });

export const FrontlineQuery = Type.Object({ date: DateString, region: Type.Optional(RegionQuery) }, { additionalProperties: false });
export const FrontlineBody = Type.Object({
  date: Type.String(), version: VersionRef, region: RegionRef, lengthKm: Type.Number(),
  byRegion: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), lengthKm: Type.Number() })),
  tolerance: Type.Record(Type.String(), Type.Number()),
});
export const DistanceQuery = Type.Object({ date: DateString, to: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const DistanceBody = Type.Object({
  date: Type.String(), version: VersionRef,
  place: Type.Object({ name: Type.String(), code: Type.String(), lon: Type.Number(), lat: Type.Number(), oblast: Nullable(Type.String()), population: Nullable(Type.Integer()) }),
  distanceKm: Type.Number(), insideEnemyHeldGround: Type.Boolean(), nearest: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  change7dKm: Nullable(Type.Number()), change30dKm: Nullable(Type.Number()),
  then: Type.Object({
    days7: Nullable(Type.Object({ km: Type.Number(), date: Type.String() })),
    days30: Nullable(Type.Object({ km: Type.Number(), date: Type.String() })),
  }),
});
/** GeoJSON FeatureCollection; features are passed through as they are. */
export const FeatureCollectionBody = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) });


export const TempoQuery = Type.Object({
  from: DateString, to: DateString, region: Type.Optional(RegionQuery),
  sector: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000, description: 'a drawn sector instead of a region: west,south,east,north or a GeoJSON Polygon', examples: ['37.8,48.4,38.8,49.2'] })),
}, { additionalProperties: false });
const LonLat = Type.Object({ lon: Type.Number(), lat: Type.Number() });
const SideAdvance = Type.Object({
  class: Type.Union([Type.Literal('static'), Type.Literal('local gains'), Type.Literal('breakthrough')]), reason: Type.String(),
  gainedKm2: Type.Number(), patches: Type.Integer(),
  top: Type.Array(Type.Object({
    areaKm2: Type.Number(), depthKm: Type.Number(), widthKm: Type.Number(), speedKmPerDay: Type.Number(), farthest: LonLat, from: LonLat,
    settlementCount: Type.Integer(), settlements: Type.Array(Type.Object({ name: Type.String(), code: Type.String(), population: Nullable(Type.Integer()) })),
  })),
});
export const TempoBody = Type.Object({
  from: DateRef, to: DateRef, days: Type.Integer(), region: RegionRef,
  gains: Type.Object({ russiaKm2: Type.Number(), ukraineKm2: Type.Number(), netRussiaKm2: Type.Number(), russiaKm2PerDay: Type.Number(), ukraineKm2PerDay: Type.Number() }),
  daily: Type.Array(Type.Object({ date: Type.String(), russiaKm2: Type.Number(), ukraineKm2: Type.Number() })),
  windows: Type.Array(Type.Object({
    side: Type.String(), endDate: Type.String(), windowDays: Type.Integer(), km2: Type.Number(), km2PerDay: Type.Number(), previousKm2: Nullable(Type.Number()),
    trend: Nullable(Type.String()), largestSince: Nullable(Type.String()), lowestSince: Nullable(Type.String()), largestOnRecord: Type.Boolean(), lowestOnRecord: Type.Boolean(),
  })),
  statements: Type.Array(Type.String()),
  advance: Type.Object({ russia: SideAdvance, ukraine: SideAdvance }),
  classification: Type.Object({ class: Type.String(), side: Nullable(Type.String()) }),
  thresholds: Type.Record(Type.String(), Type.Unknown()),
});

export const WhatifQuery = Type.Object({
  date: DateString,
  line: Type.String({ minLength: 1, maxLength: 20_000, description: 'places joined by commas, or a GeoJSON LineString', examples: ['Bakhmut, Siversk, Sloviansk'] }),
}, { additionalProperties: false });
export const WhatifBody = Type.Object({
  date: Type.String(), version: VersionRef,
  line: Type.Array(Type.Object({ name: Nullable(Type.String()), lon: Type.Number(), lat: Type.Number() })),
  joins: Type.Array(Type.Object({ to: Type.String(), lon: Type.Number(), lat: Type.Number(), km: Type.Number() })),
  cededKm2: Type.Number(), gainedKm2: Type.Number(), frontLengthBeforeKm: Type.Number(), frontLengthAfterKm: Type.Number(),
  settlements: Type.Array(Type.Object({ name: Type.String(), code: Type.String(), population: Nullable(Type.Integer()), status: Type.String(), side: Type.String(), lon: Type.Number(), lat: Type.Number() })),
  cededPopulation: Type.Integer(), maxJoinKm: Type.Number(),
});

export const SalientsQuery = Type.Object({ date: DateString, region: Type.Optional(RegionQuery) }, { additionalProperties: false });
export const SalientsBody = Type.Object({
  date: Type.String(), version: VersionRef, region: RegionRef,
  salients: Type.Array(Type.Object({
    rank: Type.Integer(), side: Type.String(), areaKm2: Type.Number(), neckWidthKm: Type.Number(),
    neck: Type.Object({ from: LonLat, to: LonLat }), frontKm: Type.Number(), enemyFacingShare: Type.Number(), kmSquaredPerNeckKm: Type.Number(),
    settlementCount: Type.Integer(), population: Type.Integer(),
    settlements: Type.Array(Type.Object({ name: Type.String(), code: Type.String(), population: Nullable(Type.Integer()) })),
    neckChange7dKm: Nullable(Type.Number()), neckChange30dKm: Nullable(Type.Number()), areaChange30dKm2: Nullable(Type.Number()),
  })),
  thresholds: Type.Record(Type.String(), Type.Number()),
});

export const RoadsQuery = Type.Object({
  date: DateString,
  range: Type.Optional(Type.String({ pattern: '^[0-9.,\\s]+$', maxLength: 60, description: 'artillery ranges in km, ascending, comma-separated', examples: ['10,20,30'] })),
  region: Type.Optional(RegionQuery),
  into: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'area the roads lead into: a region (exact code or name, or region:NAME), a place (place:NAME, or any settlement name), or salient:N (the N-th salient of frontline salients on the date, in the region)', examples: ['Bakhmut', 'UA-09', 'place:Kharkiv', 'salient:1'] })),
  radius: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200, description: 'km around a place given in into (default 15)' })),
}, { additionalProperties: false });
export const RoadsGeoJSONQuery = Type.Object({ date: RoadsQuery.properties.date, range: RoadsQuery.properties.range, region: RoadsQuery.properties.region }, { additionalProperties: false });
const KmByRange = Type.Record(Type.String(), Type.Number(), { description: 'range (km) → road km no farther than it on Ukrainian-held ground (cumulative)' });
const RoadLengths = { lengthKm: Type.Number(), cutKm: Type.Number(), withinKm: KmByRange };
const RoadStretch = Type.Object({
  name: Type.String(), kind: Type.Union([Type.Literal('between'), Type.Literal('town'), Type.Literal('spur')]), towns: Type.Array(Type.String()),
  ref: Nullable(Type.String()), roadName: Nullable(Type.String()), category: Type.String(),
  status: Type.Union([Type.Literal('cut'), Type.Literal('in-range'), Type.Literal('open')]), rangeKm: Nullable(Type.Number()), nearestKm: Nullable(Type.Number()),
  ...RoadLengths, oblasts: Type.Array(Type.String()),
});
export const RoadsBody = Type.Object({
  date: Type.String(), version: VersionRef, region: RegionRef, rangesKm: Type.Array(Type.Number()), ...RoadLengths,
  byOblast: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...RoadLengths })),
  stretches: Type.Array(RoadStretch),
  openStretches: Type.Integer(),
  into: Nullable(Type.Object({
    area: Type.Object({ kind: Type.Union([Type.Literal('region'), Type.Literal('place'), Type.Literal('salient')]), code: Type.String(), name: Type.String(), radiusKm: Nullable(Type.Number()), lon: Nullable(Type.Number()), lat: Nullable(Type.Number()) }),
    roadKmInside: Type.Number(),
    roads: Type.Array(Type.Intersect([RoadStretch, Type.Object({ crossings: Type.Integer() })])),
    allWithinKm: Type.Record(Type.String(), Nullable(Type.Boolean())),
    anyCut: Nullable(Type.Boolean()),
    supply: Type.Array(Type.Object({ rangeKm: Type.Number(), exists: Type.Boolean(), via: Type.Array(Type.String()), lengthKm: Nullable(Type.Number()) })),
  })),
  method: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
});
