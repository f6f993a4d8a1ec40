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
export const HistoryParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export const HistoryBody = Type.Object({ code: Type.String(), name: Type.String(), lon: Type.Number(), lat: Type.Number(), oblast: Type.Union([Type.String(), Type.Null()]), population: Type.Union([Type.Integer(), Type.Null()]), history: Type.Array(Type.Object({
  date: Type.String(), validAt: Type.String(), status: Type.String(), source: Type.String({ description: 'who published the version: deepstate, frontline (the team), …' }),
  sources: Type.Optional(Type.Array(Type.Object({ url: Type.String(), publisher: Type.String(), publishedAt: Type.Union([Type.String(), Type.Null()]), archiveUrl: Type.Union([Type.String(), Type.Null()]) }), { description: 'team versions: the sources of the published changes covering the settlement' })),
})) });

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

