/** Schemas of the workspace routes (docs/workspace.md): validation, types and OpenAPI. */
import { Type } from 'typebox';
import { ARROW_POINTS, CHANGE_STATUSES, CONFIDENCES, EVENT_TYPES, SIDES, UNIT_DESIGNATION_MAX } from '../core/workspace/items.js';
import { PUBLIC_ARROWS, PUBLIC_UNITS } from '../core/workspace/public-precision.js';
import { ROLES } from '../core/workspace/roles.js';
import { DateString, RegionQuery } from './schemas.js';

const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const WsError = Type.Object({
  code: Type.String(), message: Type.String(),
  current: Type.Optional(Type.Unknown({ description: 'the draft as it is now (409 CONFLICT)' })),
  retryAfter: Type.Optional(Type.Integer({ description: 'seconds (429)' })),
});
export const wsErrors = { 400: WsError, 401: WsError, 403: WsError, 404: WsError, 409: WsError, 422: WsError, 429: WsError, 503: WsError };

export const Revision = Type.Integer({ minimum: 1, description: 'the draft revision this write is based on (409 when stale)' });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const LoginBody = Type.Object({ username: Text(100), password: Text(1024) }, { additionalProperties: false });
export const SessionBody = Type.Object({ csrfToken: Type.String(), user: Type.Object({ username: Type.String(), role: Type.String() }), expiresAt: Type.String() });
export const WhoAmIBody = Type.Object({ username: Type.String(), role: Type.String(), via: Type.String() });

export const UserBody = Type.Object({ username: Text(40), role: Enum(ROLES), password: Text(1024) }, { additionalProperties: false });
const PublicUser = Type.Object({ id: Type.Integer(), username: Type.String(), role: Type.String(), createdAt: Type.String(), disabled: Type.Boolean() });
export const UsersBody = Type.Array(PublicUser);
export const UserCreated = PublicUser;
const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$', description: 'an account name' });
export const UsernameParams = Type.Object({ username: Username });
export const DisableBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const ResetPasswordBody = Type.Object({ password: Text(1024) }, { additionalProperties: false });
export const ChangePasswordBody = Type.Object({ oldPassword: Text(1024), newPassword: Text(1024) }, { additionalProperties: false });
export const UserChanged = Type.Object({ id: Type.Integer(), username: Type.String(), role: Type.String(), createdAt: Type.String(), disabled: Type.Boolean(), sessionsEnded: Type.Integer() });
export const TokenBody = Type.Object({ username: Text(40), role: Enum(ROLES), name: Text(100) }, { additionalProperties: false });
const PublicToken = Type.Object({ id: Type.Integer(), name: Type.String(), role: Type.String(), username: Nullable(Type.String()), createdAt: Type.String(), revokedAt: Nullable(Type.String()) });
export const TokensBody = Type.Array(PublicToken);
export const TokenCreated = Type.Object({ id: Type.Integer(), token: Type.String({ description: 'shown once; kept only as its SHA-256' }), name: Type.String(), role: Type.String() });

export const Source = Type.Object({
  url: Text(2000), publisher: Text(200),
  author: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  publishedAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  quote: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  archiveUrl: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
}, { additionalProperties: false });

const EmbargoSchema = (what: string) => Type.Object({
  until: Type.Optional(Nullable(Type.String({ maxLength: 40 }))), reason: Text(2000),
}, { additionalProperties: false, description: `keep this ${what} out of everything public until \`until\` (or until a reviewer lifts it)` });

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4 });
const PolygonGeometry = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1 }) });
const MultiPolygonGeometry = Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1 }), { minItems: 1 }) });

export const ChangeBody = Type.Object({
  revision: Revision,
  status: Enum(CHANGE_STATUSES),
  geometry: Type.Union([PolygonGeometry, MultiPolygonGeometry], { description: 'GeoJSON, longitude/latitude (WGS84)' }),
  validFrom: Type.String({ maxLength: 40, description: 'ISO 8601 instant from which the change holds' }),
  sources: Type.Array(Source, { maxItems: 50 }),
  confidence: Enum(CONFIDENCES),
  note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  claim: Type.Optional(Nullable(Type.Object({
    claimant: Text(40), until: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  }, { additionalProperties: false, description: 'record what a party claims, in the claims layer, without changing assessed control' }))),
  embargo: Type.Optional(Nullable(EmbargoSchema('change'))),
}, { additionalProperties: false });

export const EventBody = Type.Object({
  revision: Revision,
  place: Type.Union([
    Type.Object({ settlement: Text(40) }, { additionalProperties: false }),
    Type.Object({ lon: Type.Number(), lat: Type.Number() }, { additionalProperties: false }),
  ]),
  time: Type.String({ maxLength: 40 }),
  type: Enum(EVENT_TYPES),
  side: Enum(SIDES),
  sources: Type.Array(Source, { maxItems: 50 }),
  confidence: Enum(CONFIDENCES),
  note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  embargo: Type.Optional(Nullable(EmbargoSchema('event'))),
}, { additionalProperties: false });

export const ArrowBody = Type.Object({
  revision: Revision,
  line: Type.Object({
    type: Type.Literal('LineString'),
    coordinates: Type.Array(Position, { minItems: ARROW_POINTS.min, maxItems: ARROW_POINTS.max }),
  }, { description: 'GeoJSON LineString, longitude/latitude (WGS84): from where the attack starts to where it aims' }),
  side: Enum(SIDES),
  time: Type.String({ maxLength: 40 }),
  sources: Type.Array(Source, { maxItems: 50 }),
  confidence: Enum(CONFIDENCES),
  note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  embargo: Type.Optional(Nullable(EmbargoSchema('arrow'))),
}, { additionalProperties: false });

const LineGeometry = (description: string) => Type.Object({
  type: Type.Literal('LineString'),
  coordinates: Type.Array(Position, { minItems: ARROW_POINTS.min, maxItems: ARROW_POINTS.max }),
}, { description });

/** PUT /drafts/:id/items/:itemId: the fields given replace the item's (a change's, arrow's, event's or unit's own; others are refused). */
export const EditItemBody = Type.Object({
  revision: Revision,
  status: Type.Optional(Enum(CHANGE_STATUSES)),
  geometry: Type.Optional(Type.Union([PolygonGeometry, MultiPolygonGeometry], { description: 'a change: GeoJSON, longitude/latitude (WGS84)' })),
  validFrom: Type.Optional(Type.String({ maxLength: 40 })),
  claim: Type.Optional(Nullable(Type.Object({ claimant: Text(40), until: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) }, { additionalProperties: false }))),
  line: Type.Optional(LineGeometry('an arrow: from where the attack starts to where it aims')),
  place: Type.Optional(Type.Union([
    Type.Object({ settlement: Text(40) }, { additionalProperties: false }),
    Type.Object({ lon: Type.Number(), lat: Type.Number() }, { additionalProperties: false }),
  ], { description: 'an event or a unit: a settlement code or a point' })),
  type: Type.Optional(Enum(EVENT_TYPES)),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: UNIT_DESIGNATION_MAX, description: 'a unit\'s designation' })),
  side: Type.Optional(Enum(SIDES)),
  time: Type.Optional(Type.String({ maxLength: 40 })),
  sources: Type.Optional(Type.Array(Source, { maxItems: 50 })),
  confidence: Type.Optional(Enum(CONFIDENCES)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  embargo: Type.Optional(Nullable(EmbargoSchema('item'))),
}, { additionalProperties: false });

export const SplitBody = Type.Object({ revision: Revision, line: LineGeometry('the cutting line, lon/lat, crossing the polygon from edge to edge') }, { additionalProperties: false });
export const MergeBody = Type.Object({ revision: Revision, items: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 2, maxItems: 200, description: 'changes of one status' }) }, { additionalProperties: false });
export const SplitBaseBody = Type.Object({
  revision: Revision,
  line: LineGeometry('the new edge, lon/lat, across the control area'),
  point: Type.Object({ lon: Type.Number(), lat: Type.Number() }, { additionalProperties: false, description: 'a point in the control area, on the side that changes' }),
  status: Enum(CHANGE_STATUSES),
  validFrom: Type.String({ maxLength: 40 }),
  sources: Type.Array(Source, { maxItems: 50 }),
  confidence: Enum(CONFIDENCES),
  note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  embargo: Type.Optional(Nullable(EmbargoSchema('change'))),
}, { additionalProperties: false });

export const UnitBody = Type.Object({
  revision: Revision,
  unit: Type.String({ minLength: 1, maxLength: UNIT_DESIGNATION_MAX, description: 'the unit\'s designation, free text (e.g. 3rd Assault Brigade)' }),
  side: Enum(SIDES),
  place: Type.Union([
    Type.Object({ settlement: Text(40) }, { additionalProperties: false }),
    Type.Object({ lon: Type.Number(), lat: Type.Number() }, { additionalProperties: false }),
  ]),
  time: Type.String({ maxLength: 40 }),
  sources: Type.Array(Source, { maxItems: 50 }),
  confidence: Enum(CONFIDENCES),
  note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  embargo: Type.Optional(Nullable(EmbargoSchema('unit position'))),
}, { additionalProperties: false });

export const ImportBody = Type.Object({
  revision: Revision,
  format: Type.Union([Type.Literal('geojson'), Type.Literal('kml'), Type.Literal('kmz')]),
  content: Type.String({ minLength: 1, maxLength: 12 * 1024 * 1024, description: 'the file: GeoJSON or KML as text, KMZ as base64' }),
  defaultStatus: Type.Optional(Nullable(Enum(CHANGE_STATUSES))),
  validFrom: Type.String({ maxLength: 40 }),
  sources: Type.Array(Source, { maxItems: 50 }),
  confidence: Enum(CONFIDENCES),
}, { additionalProperties: false });

export const CreateDraftBody = Type.Object({ basedOn: Type.Union([Type.Literal('latest'), Type.Integer({ minimum: 1 })]), title: Text(200) }, { additionalProperties: false });
export const RebaseBody = Type.Object({ revision: Revision, basedOn: Type.Union([Type.Literal('latest'), Type.Integer({ minimum: 1 })]) }, { additionalProperties: false });
export const RevisionBody = Type.Object({ revision: Revision }, { additionalProperties: false });
export const CommentBody = Type.Object({ itemId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), body: Text(5000) }, { additionalProperties: false });
export const RejectBody = Type.Object({ revision: Revision, reasons: Text(5000) }, { additionalProperties: false });
export const PublishBody = Type.Object({
  revision: Revision,
  validAt: Type.Optional(Type.String({ maxLength: 40, description: 'the new version\'s valid time; default: the latest valid-from of its changes' })),
  changelog: Type.Object({ what: Text(2000), why: Text(5000) }, { additionalProperties: false }),
  releaseNow: Type.Optional(Type.Object({ reason: Text(2000) }, { additionalProperties: false, description: 'skip the publication delay (logged)' })),
}, { additionalProperties: false });
export const SettingsBody = Type.Object({
  publicationDelayHours: Type.Number({ minimum: 0, maximum: 24 * 365, description: 'a team version becomes public this long after its valid time' }),
  publicPointPrecisionDeg: Type.Number({ minimum: 0, maximum: 1, description: 'events at a free point and arrows are published on a grid of this many degrees (0: exact)' }),
  publicArrows: Type.Union([Type.Literal(PUBLIC_ARROWS[0]), Type.Literal(PUBLIC_ARROWS[1])], { description: "arrows for the public: 'rounded' to the same grid, or 'hidden' (the team sees them exact)" }),
  publicUnits: Type.Union([Type.Literal(PUBLIC_UNITS[0]), Type.Literal(PUBLIC_UNITS[1])], { description: "unit positions for the public: 'rounded' to the same grid, or 'hidden' (the team sees them exact)" }),
}, { additionalProperties: false });
export const SettingsPatch = Type.Partial(SettingsBody, { additionalProperties: false });
export const HeldBody = Type.Array(Type.Object({ id: Type.Integer(), validAt: Type.String(), source: Type.String(), publicFrom: Type.String(), summary: Type.Record(Type.String(), Type.Unknown()) }));
export const EmbargoesBody = Type.Array(Type.Object({
  draftId: Type.Integer(), draftTitle: Type.String(), itemId: Type.Integer(), kind: Type.String(),
  until: Nullable(Type.String({ description: 'public by itself from then on; null: until a reviewer lifts it' })), reason: Type.String(), time: Nullable(Type.String()),
  needsPublication: Type.Boolean({ description: 'a change: lifting it opens an approved draft to publish' }),
}));
export const ItemParams = Type.Object({ id: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) });
export const ReleaseBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export const Released = Type.Object({ id: Type.Integer(), validAt: Type.String(), publicFrom: Type.Null() });

const Item = Type.Object({ id: Type.Integer(), kind: Type.String(), state: Type.String(), author: Nullable(Type.String()), createdAt: Type.String() }, { additionalProperties: true });
const Comment = Type.Object({ id: Type.Integer(), itemId: Nullable(Type.Integer()), author: Nullable(Type.String()), body: Type.String(), createdAt: Type.String() });
export const DraftBody = Type.Object({
  id: Type.Integer(), title: Type.String(), basedOn: Type.Integer(), status: Type.String(), revision: Type.Integer(),
  createdBy: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(), publishedVersion: Nullable(Type.Integer()),
  review: Type.Record(Type.String(), Type.Unknown()), items: Type.Array(Item), canUndo: Type.Boolean(), canRedo: Type.Boolean(), comments: Type.Array(Comment),
});
export const DraftsBody = Type.Array(Type.Object({
  id: Type.Integer(), title: Type.String(), basedOn: Type.Integer(), status: Type.String(), revision: Type.Integer(), createdBy: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(), publishedVersion: Nullable(Type.Integer()), items: Type.Integer(),
}));
export const ReviewBody = Type.Object({
  draft: Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.String(), revision: Type.Integer() }),
  base: Type.Object({ id: Type.Integer(), validAt: Type.String() }),
  transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), areaKm2: Type.Number(), byRegion: Type.Array(Type.Object({ code: Type.String(), areaKm2: Type.Number() })) })),
  settlements: Type.Array(Type.Object({
    name: Type.String(), code: Type.String(), from: Type.String(), to: Type.String(), population: Nullable(Type.Integer()), oblast: Nullable(Type.String()), lon: Type.Number(), lat: Type.Number(),
  })),
  items: Type.Array(Item),
  comments: Type.Array(Comment),
});
export const ReviewGeoJSONBody = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) });
export const PublishedBody = Type.Object({
  version: Type.Object({ id: Type.Integer(), validAt: Type.String(), source: Type.String(), summary: Type.Record(Type.String(), Type.Unknown()), publicFrom: Nullable(Type.String({ description: 'held back from the public until then (publication delay)' })) }),
  draft: DraftBody,
});
export const AuditQuery = Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), target: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false });
export const AuditBody = Type.Array(Type.Object({
  id: Type.Integer(), at: Type.String(), actor: Type.String(), action: Type.String(), target: Nullable(Type.String()),
  before: Type.Unknown(), after: Type.Unknown(), address: Nullable(Type.String()),
}));

export const ItemsQuery = Type.Object({
  date: Type.Optional(DateString), from: Type.Optional(DateString), to: Type.Optional(DateString), region: Type.Optional(RegionQuery),
}, { additionalProperties: false });
export const ArrowsQuery = Type.Object({ date: Type.Optional(DateString), from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false });
export const ItemsBody = Type.Object({
  type: Type.Literal('FeatureCollection'), from: Type.String(), to: Type.String(),
  region: Type.Optional(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), areaKm2: Type.Number() })),
  hidden: Type.Optional(Type.Boolean({ description: 'arrows, units: the team withholds them from the public' })),
  features: Type.Array(Type.Unknown()),
});

export const ClaimsQuery = Type.Object({ date: DateString, claimant: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
export const ClaimsBody = Type.Object({ type: Type.Literal('FeatureCollection'), date: Type.String(), features: Type.Array(Type.Unknown()) });
export const ClaimStatsQuery = Type.Object({ date: DateString, region: Type.Optional(RegionQuery) }, { additionalProperties: false });
export const ClaimStatsBody = Type.Object({
  date: Type.String(), region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), areaKm2: Type.Number() }),
  byClaimant: Type.Array(Type.Object({ claimant: Type.String(), claims: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Number()) })),
});
