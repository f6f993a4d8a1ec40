/**
 * The analyst workspace over HTTP (docs/workspace.md): sessions, users and tokens, drafts with
 * their changes and events, review and publication, the audit log, and the public stream of
 * published versions. Every route names the permission it needs (core/workspace/roles.ts); the
 * workspace service checks it again before writing.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FrontlineError } from '../../errors.js';
import type { Accounts } from '../../workspace/accounts.js';
import type { Drafts } from '../../workspace/drafts.js';
import { heldItems } from '../../workspace/embargoes.js';
import type { Store } from '../../store/store.js';
import { claimsGeoJSON, claimStats } from '../../queries/claims.js';
import { arrowsGeoJSON, eventsGeoJSON, unitsGeoJSON, type Audience } from '../../queries/published-items.js';
import { can } from '../../core/workspace/roles.js';
import type { Actor } from '../../workspace/actor.js';
import { requires, SESSION_COOKIE } from '../auth.js';
import type { LiveHub } from '../live.js';
import * as W from '../workspace-schemas.js';

export interface WorkspaceRouteOptions { store: Store; accounts: Accounts; drafts: Drafts; live: LiveHub; secureCookies: boolean | 'auto'; now: () => number }

const PRIVATE = { 'cache-control': 'no-store' };

export async function workspaceRoutes(app: FastifyInstance, opts: WorkspaceRouteOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, drafts, live, store } = opts;
  // Who reads the events and arrows layers: the team exact and complete, everyone else public and coarse.
  const audience = (actor: Actor | null): Audience => {
    const { publicPointPrecisionDeg, publicArrows, publicUnits } = drafts.settings();
    return { team: !!actor && can(actor.role, 'drafts.read'), now: new Date(opts.now()).toISOString(), pointPrecisionDeg: publicPointPrecisionDeg, arrows: publicArrows, units: publicUnits };
  };
  // Nothing private may be kept by a cache: marked before the handler runs, so the public response
  // cache (response-cache.ts, whose onSend hook runs before this plugin's) already sees it.
  api.addHook('onRequest', async (_req, reply) => { reply.headers(PRIVATE); });

  api.post('/session', { schema: { summary: 'Log in: sets the session cookie and returns the CSRF token for x-csrf-token', tags: ['workspace'], body: W.LoginBody, response: { 200: W.SessionBody, ...W.wsErrors } } },
    async (req, reply) => {
      try {
        const s = await accounts.login(req.body.username, req.body.password, req.ip);
        reply.setCookie(SESSION_COOKIE, s.sessionId, { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', expires: new Date(s.expiresAt) });
        return { csrfToken: s.csrfToken, user: { username: s.user.username, role: s.user.role }, expiresAt: s.expiresAt };
      } catch (e) {
        if (e instanceof FrontlineError && e.code === 'RATE_LIMITED') reply.header('retry-after', String(e.details.retryAfter));
        throw e;
      }
    });

  api.get('/session', { schema: { summary: 'Who is logged in (401 when nobody)', tags: ['workspace'], response: { 200: W.WhoAmIBody, ...W.wsErrors } } },
    async (req) => {
      if (!req.actor) throw new FrontlineError('UNAUTHORIZED', 'not logged in');
      return { username: req.actor.username, role: req.actor.role, via: req.actor.via };
    });

  api.delete('/session', { schema: { summary: 'Log out (needs x-csrf-token)', tags: ['workspace'], response: { 204: { type: 'null' }, ...W.wsErrors } } },
    async (req, reply) => {
      if (!req.actor || !req.sessionIdHash) throw new FrontlineError('UNAUTHORIZED', 'not logged in with a session');
      accounts.logout(req.actor, req.sessionIdHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

  api.post('/session/password', { schema: { summary: 'Change your own password, giving the old one (your other sessions end)', tags: ['workspace'], body: W.ChangePasswordBody, response: { 200: W.UserChanged, ...W.wsErrors } } },
    async (req) => accounts.changeOwnPassword(req.actor, req.body, req.sessionIdHash));

  api.get('/users', { preHandler: requires('users.manage'), schema: { summary: 'Accounts (admin)', tags: ['workspace'], response: { 200: W.UsersBody, ...W.wsErrors } } },
    async () => accounts.users());

  api.post('/users', { preHandler: requires('users.manage'), schema: { summary: 'Add an account (admin)', tags: ['workspace'], body: W.UserBody, response: { 201: W.UserCreated, ...W.wsErrors } } },
    async (req, reply) => {
      const u = await accounts.addUser(req.actor, req.body);
      return reply.status(201).send({ id: u.id, username: u.username, role: u.role, createdAt: u.createdAt, disabled: false });
    });

  api.post('/users/:username/disable', { preHandler: requires('users.manage'), schema: { summary: 'Disable an account: its sessions end, its API tokens are refused (admin)', tags: ['workspace'], params: W.UsernameParams, body: W.DisableBody, response: { 200: W.UserChanged, ...W.wsErrors } } },
    async (req) => accounts.setDisabled(req.actor, req.params.username, true, req.body?.reason ?? null));

  api.post('/users/:username/enable', { preHandler: requires('users.manage'), schema: { summary: 'Enable a disabled account again (admin)', tags: ['workspace'], params: W.UsernameParams, body: W.DisableBody, response: { 200: W.UserChanged, ...W.wsErrors } } },
    async (req) => accounts.setDisabled(req.actor, req.params.username, false, req.body?.reason ?? null));

  api.post('/users/:username/password', { preHandler: requires('users.manage'), schema: { summary: 'Set a new password for an account; its sessions end (admin)', tags: ['workspace'], params: W.UsernameParams, body: W.ResetPasswordBody, response: { 200: W.UserChanged, ...W.wsErrors } } },
    async (req) => accounts.resetPassword(req.actor, req.params.username, req.body.password));

  api.get('/tokens', { preHandler: requires('tokens.manage'), schema: { summary: 'API tokens (admin); never their secrets', tags: ['workspace'], response: { 200: W.TokensBody, ...W.wsErrors } } },
    async () => accounts.tokens());

  api.post('/tokens', { preHandler: requires('tokens.manage'), schema: { summary: 'Create an API token for an account, scoped to a role (admin)', tags: ['workspace'], body: W.TokenBody, response: { 201: W.TokenCreated, ...W.wsErrors } } },
    async (req, reply) => {
      const { token, record } = accounts.createToken(req.actor, req.body);
      return reply.status(201).send({ id: record.id, token, name: record.name, role: record.role });
    });

  api.delete('/tokens/:id', { preHandler: requires('tokens.manage'), schema: { summary: 'Revoke an API token (admin)', tags: ['workspace'], params: W.IdParams, response: { 204: { type: 'null' }, ...W.wsErrors } } },
    async (req, reply) => {
      accounts.revokeToken(req.actor, req.params.id);
      return reply.status(204).send(null);
    });

  api.get('/drafts', { preHandler: requires('drafts.read'), schema: { summary: 'Drafts (editor and up)', tags: ['workspace'], response: { 200: W.DraftsBody, ...W.wsErrors } } },
    async (req) => drafts.list(req.actor));

  api.post('/drafts', { preHandler: requires('drafts.write'), schema: { summary: 'Open a draft based on the latest or a given version (editor and up)', tags: ['workspace'], body: W.CreateDraftBody, response: { 201: W.DraftBody, ...W.wsErrors } } },
    async (req, reply) => reply.status(201).send(drafts.create(req.actor, req.body)));

  api.get('/drafts/:id', { preHandler: requires('drafts.read'), schema: { summary: 'A draft with its changes, events and comments', tags: ['workspace'], params: W.IdParams, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.get(req.actor, req.params.id));

  api.post('/drafts/:id/changes', { bodyLimit: 8 * 1024 * 1024, preHandler: requires('drafts.write'), schema: { summary: 'Mark an area occupied / contested / Ukrainian-held from a date, with sources', tags: ['workspace'], params: W.IdParams, body: W.ChangeBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => {
      const { revision, ...change } = req.body;
      return drafts.addChange(req.actor, req.params.id, revision, change as never);
    });

  api.post('/drafts/:id/arrows', { preHandler: requires('drafts.write'), schema: { summary: 'Draw an attack direction: a line of 2–50 points from where an attack starts to where it aims, with sources', tags: ['workspace'], params: W.IdParams, body: W.ArrowBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => {
      const { revision, ...arrow } = req.body;
      return drafts.addArrow(req.actor, req.params.id, revision, arrow as never);
    });

  api.put('/drafts/:id/items/:itemId', { bodyLimit: 8 * 1024 * 1024, preHandler: requires('drafts.write'), schema: { summary: 'Edit a saved change, arrow, event or unit: the fields given replace its own, checked as when adding; one undoable step', tags: ['workspace'], params: W.ItemParams, body: W.EditItemBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => {
      const { revision, ...patch } = req.body;
      return drafts.editItem(req.actor, req.params.id, revision, req.params.itemId, patch);
    });

  api.post('/drafts/:id/items/:itemId/split', { preHandler: requires('drafts.write'), schema: { summary: 'Split a change along a line into its pieces, each a change with the same attributes; one undoable step (422 when the line does not cut it)', tags: ['workspace'], params: W.ItemParams, body: W.SplitBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.splitItem(req.actor, req.params.id, req.body.revision, req.params.itemId, req.body.line as never));

  api.post('/drafts/:id/merge', { preHandler: requires('drafts.write'), schema: { summary: 'Merge changes of one status into one (union, sources once, weakest confidence, latest valid-from); one undoable step', tags: ['workspace'], params: W.IdParams, body: W.MergeBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.mergeItems(req.actor, req.params.id, req.body.revision, req.body.items));

  api.post('/drafts/:id/split-base', { preHandler: requires('drafts.write'), schema: { summary: 'Cut a control area of the base version with a line: the piece holding the point becomes a change with the new status', tags: ['workspace'], params: W.IdParams, body: W.SplitBaseBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => {
      const { revision, ...input } = req.body;
      return drafts.splitBase(req.actor, req.params.id, revision, input as never);
    });

  api.post('/drafts/:id/units', { preHandler: requires('drafts.write'), schema: { summary: 'Record where a unit was: its designation at a settlement or a point, with sources', tags: ['workspace'], params: W.IdParams, body: W.UnitBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => {
      const { revision, ...unit } = req.body;
      return drafts.addUnit(req.actor, req.params.id, revision, unit as never);
    });

  api.post('/drafts/:id/import', { bodyLimit: 13 * 1024 * 1024, preHandler: requires('drafts.write'), schema: { summary: 'Import the polygons of a GeoJSON, KML or KMZ file as changes (all or nothing, refused features named)', tags: ['workspace'], params: W.IdParams, body: W.ImportBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => {
      const { revision, ...file } = req.body;
      return drafts.importFile(req.actor, req.params.id, revision, file as never);
    });

  api.post('/drafts/:id/events', { preHandler: requires('drafts.write'), schema: { summary: 'Record an event (capture, withdrawal, …) at a settlement or a point', tags: ['workspace'], params: W.IdParams, body: W.EventBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => {
      const { revision, ...event } = req.body;
      return drafts.addEvent(req.actor, req.params.id, revision, event as never);
    });

  api.post('/drafts/:id/undo', { preHandler: requires('drafts.write'), schema: { summary: 'Undo the last change or event', tags: ['workspace'], params: W.IdParams, body: W.RevisionBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.undo(req.actor, req.params.id, req.body.revision));

  api.post('/drafts/:id/redo', { preHandler: requires('drafts.write'), schema: { summary: 'Redo the last undone change or event', tags: ['workspace'], params: W.IdParams, body: W.RevisionBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.redo(req.actor, req.params.id, req.body.revision));

  api.post('/drafts/:id/rebase', { preHandler: requires('drafts.write'), schema: { summary: 'Move the draft onto another version (after a newer one was published); back to editing', tags: ['workspace'], params: W.IdParams, body: W.RebaseBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.rebase(req.actor, req.params.id, req.body.revision, req.body.basedOn));

  api.post('/drafts/:id/submit', { preHandler: requires('drafts.write'), schema: { summary: 'Submit for review (every change and event needs a source)', tags: ['workspace'], params: W.IdParams, body: W.RevisionBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.submit(req.actor, req.params.id, req.body.revision));

  api.get('/drafts/:id/review', { preHandler: requires('drafts.read'), schema: { summary: 'The draft as a diff against its base version: km² per transition and oblast, settlements, changes with sources', tags: ['workspace'], params: W.IdParams, response: { 200: W.ReviewBody, ...W.wsErrors } } },
    async (req) => drafts.review(req.actor, req.params.id));

  api.get('/drafts/:id/review/geojson', { preHandler: requires('drafts.read'), schema: { summary: 'The ground the draft changes hands, as GeoJSON (one feature per transition and cell, with side and km², like /diff/geojson)', tags: ['workspace'], params: W.IdParams, response: { 200: W.ReviewGeoJSONBody, ...W.wsErrors } } },
    async (req, reply) => reply.type('application/geo+json').send(await drafts.reviewGeoJSON(req.actor, req.params.id)));

  api.post('/drafts/:id/comments', { preHandler: requires('drafts.comment'), schema: { summary: 'Comment on a draft or one of its changes', tags: ['workspace'], params: W.IdParams, body: W.CommentBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.comment(req.actor, req.params.id, req.body));

  api.post('/drafts/:id/reject', { preHandler: requires('drafts.review'), schema: { summary: 'Reject a submitted draft with reasons (reviewer)', tags: ['workspace'], params: W.IdParams, body: W.RejectBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.reject(req.actor, req.params.id, req.body.revision, req.body.reasons));

  api.post('/drafts/:id/approve', { preHandler: requires('drafts.review'), schema: { summary: 'Approve a submitted draft (reviewer, not its author)', tags: ['workspace'], params: W.IdParams, body: W.RevisionBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.approve(req.actor, req.params.id, req.body.revision));

  api.post('/drafts/:id/publish', { preHandler: requires('drafts.publish'), schema: { summary: 'Publish an approved draft as a new version with its valid time and changelog (reviewer)', tags: ['workspace'], params: W.IdParams, body: W.PublishBody, response: { 200: W.PublishedBody, ...W.wsErrors } } },
    async (req) => drafts.publish(req.actor, req.params.id, req.body.revision, req.body));

  api.get('/settings', { preHandler: requires('drafts.read'), schema: { summary: 'Team settings: the publication delay, the public precision of points, arrows and units (editor and up)', tags: ['workspace'], response: { 200: W.SettingsBody, ...W.wsErrors } } },
    async () => drafts.settings());

  api.put('/settings', { preHandler: requires('settings.manage'), schema: { summary: 'Change team settings (admin)', tags: ['workspace'], body: W.SettingsPatch, response: { 200: W.SettingsBody, ...W.wsErrors } } },
    async (req) => drafts.setSettings(req.actor, req.body));

  api.get('/versions/held', { preHandler: requires('drafts.read'), schema: { summary: 'Published team versions still held back by the publication delay', tags: ['workspace'], response: { 200: W.HeldBody, ...W.wsErrors } } },
    async (req) => drafts.held(req.actor));

  api.post('/versions/:id/release', { preHandler: requires('drafts.publish'), schema: { summary: 'Make a held version public now, with a logged reason (reviewer)', tags: ['workspace'], params: W.IdParams, body: W.ReleaseBody, response: { 200: W.Released, ...W.wsErrors } } },
    async (req) => drafts.release(req.actor, req.params.id, req.body.reason));

  api.post('/drafts/:id/items/:itemId/lift', { preHandler: requires('drafts.publish'), schema: { summary: 'Lift the embargo on a published item: a change returns an approved draft holding it, to publish; an event, arrow or unit is public at once (reviewer)', tags: ['workspace'], params: W.ItemParams, body: W.ReleaseBody, response: { 200: W.DraftBody, ...W.wsErrors } } },
    async (req) => drafts.liftEmbargo(req.actor, req.params.id, req.params.itemId, req.body.reason));

  api.get('/embargoes', { preHandler: requires('drafts.read'), schema: { summary: 'What published drafts still hold back under embargo: changes, events, arrows, unit positions, with until and reason (editor and up)', tags: ['workspace'], response: { 200: W.EmbargoesBody, ...W.wsErrors } } },
    async (req) => heldItems(store, req.actor, new Date(opts.now()).toISOString()));

  api.get('/audit', { preHandler: requires('audit.read'), schema: { summary: 'The append-only audit log (reviewer and up)', tags: ['workspace'], querystring: W.AuditQuery, response: { 200: W.AuditBody, ...W.wsErrors } } },
    async (req) => store.workspace().audit({ afterId: req.query.after, limit: req.query.limit, target: req.query.target }));

  api.get('/claims', { schema: { summary: 'The claims layer on a date (public): what each claimant claims, apart from assessed control', tags: ['figures'], querystring: W.ClaimsQuery, response: { 200: W.ClaimsBody, ...W.wsErrors } } },
    async (req, reply) => reply.type('application/geo+json').send(claimsGeoJSON(store, req.query)));

  api.get('/claims/stats', { schema: { summary: 'km² claimed per claimant and status in a region (public), counted apart from assessed control', tags: ['figures'], querystring: W.ClaimStatsQuery, response: { 200: W.ClaimStatsBody, ...W.wsErrors } } },
    async (req) => claimStats(store, req.query));

  api.get('/events', { schema: { summary: 'Published events (capture, withdrawal, shelling, …) on a date or from–to, as GeoJSON points; public ones coarsened to the team\'s precision', tags: ['figures'], querystring: W.ItemsQuery, response: { 200: W.ItemsBody, ...W.wsErrors } } },
    async (req, reply) => reply.type('application/geo+json').send(await eventsGeoJSON(store, req.query, audience(req.actor))));

  api.get('/arrows', { schema: { summary: 'Published attack directions on a date or from–to, as GeoJSON lines; public ones coarsened, or withheld when the team hides them', tags: ['figures'], querystring: W.ArrowsQuery, response: { 200: W.ItemsBody, ...W.wsErrors } } },
    async (req, reply) => reply.type('application/geo+json').send(arrowsGeoJSON(store, req.query, audience(req.actor))));

  api.get('/units', { schema: { summary: 'Published unit positions on a date or from–to, as GeoJSON points; public ones on the precision grid, or withheld when the team hides them', tags: ['figures'], querystring: W.ArrowsQuery, response: { 200: W.ItemsBody, ...W.wsErrors } } },
    async (req, reply) => reply.type('application/geo+json').send(unitsGeoJSON(store, req.query, audience(req.actor))));

  api.get('/events/stream', { schema: { summary: 'Server-sent events: `version` when a version is published (public)', tags: ['versions'] } },
    async (req, reply) => {
      reply.hijack();
      live.add(reply.raw);
      req.raw.on('close', () => reply.raw.end());
    });
}
