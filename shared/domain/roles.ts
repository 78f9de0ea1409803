/** Human roles of the app (DOMAIN §2). Other layers (contract, core, UI) import these. */
export const ROLES = ['ventanillero', 'supervisor', 'administrador'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  ventanillero: 'Ventanillero',
  supervisor: 'Supervisor',
  administrador: 'Administrador',
};

/**
 * The groups of roles the app grants things to, named once: the contract's access lists, the
 * lifecycle's actors and the screens all say `ROLE_GROUPS.counter` instead of repeating the roles.
 */
export const ROLE_GROUPS = {
  /** Who attends at a counter: clerks, and supervisors, who may take a counter too (DOMAIN §2). */
  counter: ['ventanillero', 'supervisor'],
  /** Who reviews, approves and closes the agency's day. */
  supervisor: ['supervisor'],
  /** Who configures the app and manages accounts; never moves requests. */
  admin: ['administrador'],
  /** Every person who signs in. */
  everyone: ROLES,
} as const satisfies Readonly<Record<string, readonly Role[]>>;
export type RoleGroup = keyof typeof ROLE_GROUPS;

/**
 * Central services act on requests too (accepting, rejecting, issuing the key) but are not a
 * person who logs in, so they are an actor and not a role.
 */
export const SYSTEM_ACTORS = ['central'] as const;
export type SystemActor = (typeof SYSTEM_ACTORS)[number];

export type Actor = Role | SystemActor;
export const ACTORS: readonly Actor[] = [...ROLES, ...SYSTEM_ACTORS];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isActor(value: unknown): value is Actor {
  return typeof value === 'string' && (ACTORS as readonly string[]).includes(value);
}
