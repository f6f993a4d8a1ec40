/** Who is acting: a logged-in person, an API token, or the command line (a local operator). */
import { can, type Action, type Role } from '../core/workspace/roles.js';
import { FrontlineError } from '../errors.js';

export interface Actor {
  userId: number | null;
  username: string;
  role: Role;
  via: 'session' | 'token' | 'cli' | 'system';
  tokenId?: number;
  address?: string | null;
}

/** The command line runs as the machine's operator, who can already read and write the database file. */
export const CLI_ACTOR: Actor = { userId: null, username: 'cli', role: 'admin', via: 'cli' };

/**
 * The server itself, when it carries out what a reviewer already decided: publishing a change whose
 * embargo end date has passed (Drafts.liftExpiredEmbargoes).
 */
export const EMBARGO_EXPIRY_ACTOR: Actor = { userId: null, username: 'embargo-expiry', role: 'reviewer', via: 'system' };

/** Throws 401 for anonymous visitors and 403 for a role below the action's. */
export function assertCan(actor: Actor | null, action: Action): asserts actor is Actor {
  if (!actor) throw new FrontlineError('UNAUTHORIZED', 'log in first (POST /api/v1/session) or send an API token');
  if (!can(actor.role, action)) throw new FrontlineError('FORBIDDEN', `the ${actor.role} role cannot do ${action}`);
}

/** Throws 401 for anonymous visitors: what any account may do for itself (its own password). */
export function assertLoggedIn(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new FrontlineError('UNAUTHORIZED', 'log in first (POST /api/v1/session) or send an API token');
}

export const actorLabel = (a: Actor): string => (a.via === 'token' ? `${a.username} (token ${a.tokenId})` : a.username);
