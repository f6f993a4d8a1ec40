/**
 * Every error a user can cause, in one place: code, HTTP status and exit code. The CLI and the
 * API both report these; docs/cli.md lists them (a test keeps the two in step).
 */
export const ERRORS = {
  BAD_DATE: { status: 400, exit: 2, hint: 'dates are YYYY-MM-DD (UTC)' },
  BAD_ARGUMENT: { status: 400, exit: 2, hint: 'see `frontline help <command>`' },
  UNKNOWN_REGION: { status: 400, exit: 2, hint: 'use an ISO 3166-2 code (UA-09), a COD pcode (UA4412) or a name' },
  UNKNOWN_PLACE: { status: 404, exit: 2, hint: 'search places with /api/v1/places?q=' },
  NOT_FOUND: { status: 404, exit: 2, hint: 'see /api/v1/docs for the routes' },
  INTERNAL: { status: 500, exit: 1, hint: '' },
  NO_VERSION: { status: 404, exit: 1, hint: 'import map versions with `frontline import deepstate <dir>`' },
  NO_REFERENCE: { status: 503, exit: 1, hint: 'load reference geography with `frontline reference load`' },
  IMPORT_FAILED: { status: 422, exit: 1, hint: 'the files named above were not imported; the rest were' },
  UNAUTHORIZED: { status: 401, exit: 2, hint: 'log in with POST /api/v1/session or send an API token (Authorization: Bearer …)' },
  FORBIDDEN: { status: 403, exit: 2, hint: 'your role does not allow this (see docs/workspace.md)' },
  CONFLICT: { status: 409, exit: 1, hint: 'the draft changed since you read it: merge with the current state it carries and retry with its revision' },
  INVALID_DRAFT: { status: 422, exit: 1, hint: 'fix what the message names (e.g. add a source to every change) and retry' },
  RATE_LIMITED: { status: 429, exit: 1, hint: 'too many failed logins: wait and retry' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class FrontlineError extends Error {
  constructor(public readonly code: ErrorCode, message: string, public readonly details: Record<string, unknown> = {}) {
    super(message);
  }
  get status(): number { return ERRORS[this.code].status; }
  get exitCode(): number { return ERRORS[this.code].exit; }
}
