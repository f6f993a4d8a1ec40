/**
 * Roles and what each may do. One table, read by the HTTP routes (a pre-handler per route) and by
 * the workspace service (checked again before every write), so a route cannot forget its check.
 */
export const ROLES = ['viewer', 'editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, reviewer: 2, admin: 3 };

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** The least role an action needs. Anonymous visitors are viewers: published versions only. */
export const PERMISSIONS = {
  'drafts.read': 'editor',
  'drafts.write': 'editor',
  'drafts.comment': 'editor',
  'drafts.review': 'reviewer',
  'drafts.publish': 'reviewer',
  'audit.read': 'reviewer',
  'users.manage': 'admin',
  'settings.manage': 'admin',
  'tokens.manage': 'admin',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof PERMISSIONS;

export function atLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

export function can(role: Role | null, action: Action): boolean {
  return atLeast(role ?? 'viewer', PERMISSIONS[action]);
}

/** The lower of two roles: an API token never gives more than its owner has now. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}
