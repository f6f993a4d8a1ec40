/**
 * Who is asking: an API token (`Authorization: Bearer flt_…`, no CSRF needed: a browser never sends
 * it by itself) or a session cookie (httpOnly, SameSite=Strict), whose state-changing requests must
 * carry the session's CSRF token in `x-csrf-token`. Anonymous requests are viewers.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import type { Action } from '../core/workspace/roles.js';
import { FrontlineError } from '../errors.js';
import { Accounts } from '../workspace/accounts.js';
import { assertCan, type Actor } from '../workspace/actor.js';

export const SESSION_COOKIE = 'frontline_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** SHA-256 of the session id when the request came with a valid session cookie. */
    sessionIdHash: string | null;
  }
}

export async function registerAuth(app: FastifyInstance, accounts: Accounts): Promise<void> {
  await app.register(cookie, { hook: 'onRequest' });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionIdHash', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = m ? accounts.fromToken(m[1]) : null;
      if (!actor) throw new FrontlineError('UNAUTHORIZED', 'invalid or revoked API token');
      req.actor = { ...actor, address: req.ip };
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (!sid) return;
    // Logging in again with an old cookie is not a state change of that session.
    if (req.method === 'POST' && req.url.split('?')[0] === '/api/v1/session') return;
    const s = accounts.fromSession(sid);
    if (!s) return;
    if (!SAFE.has(req.method) && !Accounts.csrfMatches(s.csrfToken, headerOf(req, 'x-csrf-token'))) {
      throw new FrontlineError('FORBIDDEN', 'missing or wrong x-csrf-token header (it is returned by POST /api/v1/session)');
    }
    req.actor = { ...s.actor, address: req.ip };
    req.sessionIdHash = s.idHash;
  });
}

function headerOf(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Route pre-handler: 401 for anonymous visitors, 403 below the action's role (core/workspace/roles.ts). */
export const requires = (action: Action) => async (req: FastifyRequest) => { assertCan(req.actor, action); };
