import type { z } from 'zod';

import type { RequestActivity } from '../domain/request-history';
import { ROLES, type Role } from '../domain/roles';

export { ROLE_LABELS } from '../domain/roles';
/** The roles a person logs in with (the domain's ROLES; central is an actor, not a user). */
export const USER_ROLES = ROLES;
export type UserRole = Role;

/** 'public' calls run without a session (login, first-start setup, health). */
export type Access = 'public' | readonly UserRole[];

/**
 * What the audit trail records of a call: 'change' for every state change, 'read' for every
 * read of a person's record (LOPDP Art. 47: access must be attributable), 'none' otherwise.
 */
export type AuditKind = 'change' | 'read' | 'none';

export interface CallSpec<
  I extends z.ZodType,
  O extends z.ZodType,
  A extends Access,
  K extends AuditKind = AuditKind,
  H extends RequestActivity = RequestActivity,
  W extends boolean = boolean,
> {
  /** One line, Spanish: what the call does (shown in the CLI help). */
  summary: string;
  input: I;
  output: O;
  access: A;
  /** Also types the handler: only a call that changes something or records history may write (electron/core/registry.ts). */
  audit: K;
  /**
   * For a call that acts on one request: what the request's history records of it (the core
   * writes it with the change; a refused attempt is recorded too, with its error).
   */
  history?: H;
  /**
   * A write too small to audit (`audit: 'none'`): a renewal that only extends what an audited call
   * started. Declared, so the handler gets the write path (electron/core/registry.ts WritesFor).
   */
  writes?: W;
}

// K and H keep the call's audit kind and history literal in its type: electron/core/registry.ts
// gives the write path only to a call that changes something or records a request's history.
export const defineCall = <I extends z.ZodType, O extends z.ZodType, const A extends Access, const K extends AuditKind, const H extends RequestActivity = never, const W extends boolean = false>(
  spec: CallSpec<I, O, A, K, H, W>,
) => spec;
