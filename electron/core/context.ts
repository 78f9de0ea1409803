// What every handler receives. Passed explicitly: the core has no module-level state, so two
// cores (two data directories, a test and a benchmark) can live in one process.
import type { Db, ReadDb, WriteDb } from '../../db/open';
import type { UserRole } from '../../shared/contract';
import type { RequestEventDetail } from './counter/events';
import type { UpdateStatus } from '../../shared/contract/ops';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Structured log lines. Never pass personal data (cédulas, names, emails) as fields. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export type HostKind = 'electron' | 'web' | 'cli';

export interface CoreContext {
  db: Db;
  clock: Clock;
  log: Logger;
  dataDir: string;
  appVersion: string;
  schemaVersion: number;
  host: HostKind;
  secrets: SecretStore;
  hostState: HostState;
}

/** Where small secrets (e.g. the central-sync token) are kept; see host/secrets-file.ts. */
export interface SecretStore {
  /** False when secrets sit in an owner-only file without encryption (browser host, CLI). */
  readonly encrypted: boolean;
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** Names of the secrets starting with `prefix` (values are not read: they may not decrypt here). */
  list(prefix: string): string[];
}

/** What a read-only call may do with the secrets: read them, list them. */
export type ReadSecrets = Pick<SecretStore, 'encrypted' | 'get' | 'list'>;

/** The same store without set/delete at run time too (a cast cannot bring them back). */
export function readSecrets(store: SecretStore): ReadSecrets {
  return Object.freeze({ encrypted: store.encrypted, get: (name: string) => store.get(name), list: (prefix: string) => store.list(prefix) });
}

/** The updater's state as the desktop host reports it (the status bar adds version and unsaved work). */
export type HostUpdateState = Omit<UpdateStatus, 'currentVersion' | 'unsavedWork'>;

/**
 * What the running host knows about itself, kept by the host (in its memory: a new process has
 * no screen and no download yet), never in the agency database, so it does not travel in
 * backups nor outlive the process: electron/hosts/common/host-state.ts.
 */
export interface HostState {
  /** The updater's last state; null where the host has no updater (browser host, CLI). */
  update(): HostUpdateState | null;
  reportUpdate(state: HostUpdateState): void;
  /** The screen reported an intake it has not finished (app.setUnsavedWork): updates wait. */
  unsavedWork(): boolean;
  setUnsavedWork(unsaved: boolean): void;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  agencyId: string;
  agencyCode: string;
  /** Hash of the session token the call came with (absent for the CLI). */
  sessionHash: string | null;
  /** The session is idle-locked: only unlock, logout and current may run. */
  locked: boolean;
  mustChangePassword: boolean;
}

/** What a handler tells the audit trail about the call it runs. */
export interface CallAudit {
  /** The record the call acted on or read, e.g. 'user:<id>' or 'request:<id>'. */
  target(target: string): void;
  /** For public calls (login, setup): the staff member the call turned out to be about. */
  actor(userId: string): void;
}

/**
 * What a handler tells the request's history (request_events) about the call it runs. The line's
 * activity is the call's own, declared in its contract (`history`); the handler adds the detail.
 */
export interface CallHistory {
  /** The request the call acts on (loadRequest says it): a refused attempt is recorded there. */
  subject(requestId: string): void;
  /**
   * Records the call's activity in the history of `requestId` (default: the subject) now. Call it
   * inside ctx.write, with the change it describes; a call without a `history` may not call it.
   */
  record(detail?: RequestEventDetail, requestId?: string): void;
}

/**
 * What a read-only call's handler receives (the contract's `audit` is 'read' or 'none'): the
 * database only as a ReadDb (db/open.ts), and no `write`. A write from such a handler does not
 * compile; on a reader worker's connection (db/open.ts openReadOnly, `query_only`) it would fail too.
 */
export interface ReadContext extends Omit<CoreContext, 'db' | 'secrets'> {
  db: ReadDb;
  /** Read only: a read must not set or delete a secret (the audit chain's keys live there). */
  secrets: ReadSecrets;
  /** Null only for 'public' calls. */
  actor: Actor | null;
  audit: CallAudit;
  history: Pick<CallHistory, 'subject'>;
}

/** A read-only call whose contract requires a role: the actor is always there. */
export interface AuthedReadContext extends ReadContext {
  actor: Actor;
}

/**
 * What the handler of a call that changes something (`audit: 'change'`) receives. Its database
 * reads only, as a read call's (ReadDb: no `$client`, no insert/update/delete): the only handle
 * that writes is the one `write` hands its function, inside the call's transaction.
 */
export interface HandlerContext extends Omit<CoreContext, 'db'> {
  db: ReadDb;
  /** Null only for 'public' calls. */
  actor: Actor | null;
  audit: CallAudit;
  history: CallHistory;
  /**
   * Runs `fn`'s writes in one IMMEDIATE transaction together with this call's audit entry:
   * a change and its audit entry are committed together or not at all. `fn` gets the connection
   * as a WriteDb (db/open.ts): drizzle's writers and the WritableDB the write helpers of db/sql.ts
   * require.
   */
  write<T>(fn: (db: WriteDb) => T): T;
  /**
   * What an attempt changes that must stand even when the call is then refused (a wrong
   * password's count toward the lockout, accounts/session.ts): `fn` in its own IMMEDIATE
   * transaction, committed whatever the call's outcome, with no audit entry of its own; the
   * call's audit entry follows, saying the outcome. Anything else goes through `write`.
   */
  writeAttempt<T>(fn: (db: WriteDb) => T): T;
}

/** Context of a call whose contract requires a role: the actor is always there. */
export interface AuthedContext extends HandlerContext {
  actor: Actor;
}
