/** Human roles of the app (DOMAIN §2). Other layers (contract, core, UI) import these. */
export const ROLES = ['ventanillero', 'supervisor', 'administrador'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  ventanillero: 'Ventanillero',
  supervisor: 'Supervisor',
  administrador: 'Administrador',
};

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
