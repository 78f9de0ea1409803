// The audit trail: an append-only log whose entries are chained with an HMAC-SHA-256 keyed by a
// secret that lives outside the database, in the desk's secrets store (safeStorage under
// Electron, the owner-only file in the browser host and the CLI). Someone who can write the
// database file but does not hold the key cannot delete, edit or reorder an entry and then
// recompute the chain: every recomputed entry fails its MAC. Entries name staff and record ids,
// never personal data.
//
// The newest (seq, hash) is kept in `settings.auditHead` together with the key epochs (which key
// signed which entries) and a MAC over all of it, so that cutting entries off the end is detected.
// A key is created on the first append of a desk; a key that is later missing from the secrets
// store (file deleted, backup restored on another machine) starts a new epoch with a new key, and
// verification says plainly that the older entries cannot be checked any more. Appending never
// re-signs a head that does not verify: it records where the tampering was noticed instead.
//
// The key reaches this module bound to the SQLite connection (bindAuditKeys, done by createCore),
// so every writer of the trail (calls, sync, scheduled backups, agencia.json) uses it without
// threading it through. Limits: a replayed older head with the matching tail cut off (a rollback
// of the whole trail) is only caught against an external anchor (the head sent with each sync
// push); and in the browser host the key sits unencrypted next to the database, so it only
// protects against someone who alters the database alone. A trail erased whole (every entry and
// the head deleted) is told from a desk that never wrote one by witnesses outside the database:
// continuity.ts.
import type { AuditLogRow, SettingRow } from '../../../../db/rows';
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import { connectionKey, get, inTransaction, preparedRead, run, sql, transaction, value, all, type Reader, type Writer } from '../../../../db/sql';
import type { ReadSecrets, SecretStore } from '../../context';
import { ANCHOR_CALL, ANCHOR_TAMPERED, anchorBreak, checkAuditAnchor, KEY_SECRET_PREFIX, restartBreak, retireUnnamedAuditKeys, type AuditAnchor } from './continuity';
import { writeCsv } from '../../csv';

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'auditHead';
// Each key is kept in the secrets store as `auditKey.<id>` (continuity.ts); keys are never overwritten nor deleted.
const KEY_BYTES = 32;

export interface AuditEntry {
  at: number;
  actorId: string | null;
  call: string;
  target: string | null;
  /** 'ok' or the error code the call answered with. */
  outcome: string;
}

/** seq, at, actor_id, call, target, outcome, prev_hash, hash */
type RawRow = [number, number, string | null, string, string | null, string, string, string];

/** The entries from `from` on are signed with key `id` (until the next epoch). */
interface KeyEpoch {
  from: number;
  id: string;
}

interface Head {
  seq: number;
  hash: string;
  keys: KeyEpoch[];
  /** Seq of the append that found the head not matching the log: tampering happened before it. */
  brokenAt: number | null;
  mac: string;
}

// --- Keys ---------------------------------------------------------------------------------

type KeyLookup = KeyObject | 'missing' | 'unreadable';

interface KeyRing {
  /** Read-only where the connection only verifies (a staged backup): appending there throws. */
  secrets: SecretStore | ReadSecrets | null;
  keys: Map<string, KeyObject>;
  /** Inside batchAudit: the head is written at its end. */
  batch?: { state: AppendState | null };
}

const rings = new WeakMap<object, KeyRing>();

/**
 * Binds the secrets store that holds the audit keys to a connection. The core does it when it is
 * created; a tool opening the database on its own (restore, a test) binds the data directory's
 * store. Without a binding, appending throws and verification reports the key as missing.
 */
export function bindAuditKeys(sqlite: Database.Database, secrets: SecretStore | ReadSecrets | null): void {
  rings.set(sqlite, { secrets, keys: new Map() });
}

const keyId = (key: Buffer): string => createHmac('sha256', key).update('ventanilla-patronal/audit-key-id').digest('hex').slice(0, 16);

function lookupKey(ring: KeyRing | undefined, id: string): KeyLookup {
  const cached = ring?.keys.get(id);
  if (cached) return cached;
  if (!ring?.secrets) return 'missing';
  let stored: string | null;
  try {
    stored = ring.secrets.get(KEY_SECRET_PREFIX + id);
  } catch {
    return 'unreadable'; // e.g. encrypted by safeStorage and read where it cannot be decrypted
  }
  if (stored === null) return 'missing';
  const key = Buffer.from(stored, 'base64');
  // A value that is not this key (wrong codec, edited file) is as good as no key.
  if (key.length !== KEY_BYTES || keyId(key) !== id) return 'unreadable';
  const keyObject = createSecretKey(key);
  ring.keys.set(id, keyObject);
  return keyObject;
}

function createKey(ring: KeyRing): { id: string; key: KeyObject } {
  const raw = randomBytes(KEY_BYTES);
  const id = keyId(raw);
  const store = ring.secrets;
  if (!store || !('set' in store)) throw new Error('Audit keys are read-only on this connection: it only verifies.');
  store.set(KEY_SECRET_PREFIX + id, raw.toString('base64'));
  const key = createSecretKey(raw);
  ring.keys.set(id, key);
  return { id, key };
}

// --- MACs ---------------------------------------------------------------------------------

const entryMac = (key: KeyObject, seq: number, at: number, actorId: string | null, call: string, target: string | null, outcome: string, prevHash: string): string =>
  createHmac('sha256', key).update(JSON.stringify([seq, at, actorId, call, target, outcome, prevHash])).digest('hex');

const headMac = (key: KeyObject, h: Omit<Head, 'mac'>): string =>
  createHmac('sha256', key)
    .update(JSON.stringify(['head', h.seq, h.hash, h.keys.map((k) => [k.from, k.id]), h.brokenAt]))
    .digest('hex');

const readHead = (db: Reader): Partial<Head> | null => parseHead(get<Pick<SettingRow, 'value'>>(db, sql`SELECT value FROM settings WHERE key = ${HEAD_KEY}`));

function parseHead(row: { value: string } | undefined): Partial<Head> | null {
  if (!row) return null;
  try {
    const value = JSON.parse(row.value) as unknown;
    return value && typeof value === 'object' ? (value as Partial<Head>) : null;
  } catch {
    return null;
  }
}

/** The epochs as stored, or [] when the head is missing or malformed. */
function epochsOf(head: Partial<Head> | null): KeyEpoch[] {
  const keys = head?.keys;
  if (!Array.isArray(keys)) return [];
  return keys.filter((k): k is KeyEpoch => !!k && typeof k.from === 'number' && typeof k.id === 'string');
}

// --- Append -------------------------------------------------------------------------------

/** Where the trail is while entries are appended: the key epochs, the key signing now. */
interface AppendState {
  keys: KeyEpoch[];
  brokenAt: number | null;
  key: KeyObject;
}

const lastEntry = (db: Reader): Pick<AuditLogRow, 'seq' | 'hash'> | undefined =>
  get<Pick<AuditLogRow, 'seq' | 'hash'>>(db, sql`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);

/**
 * Appends one entry, inside the transaction of the change it records (its WritableDB: a call's
 * ctx.write, or transaction() of db/sql.ts). The statements are prepared once per connection by
 * db/sql.ts's statement cache. Inside batchAudit the head is written at the batch's end.
 */
export function appendAudit(db: Writer, e: AuditEntry): void {
  const ring = rings.get(connectionKey(db));
  if (!ring?.secrets) throw new Error('appendAudit: no audit key store bound to this connection (bindAuditKeys)');
  if (ring.batch) {
    ring.batch.state ??= beginAppend(db, ring);
    appendEntry(db, ring.batch.state, e);
    return;
  }
  const state = beginAppend(db, ring);
  writeHead(db, state, appendEntry(db, state, e));
}

/**
 * Runs `fn`, inside a transaction, with every entry it appends written as appendAudit does but the
 * head read and checked once before the first and signed and written once at the end: a pull
 * appends one entry per change, thousands a page, and reading, checking and rewriting the head for
 * each was a fifth of applying it. Each entry still links to the trail's last row as it stands.
 */
export function batchAudit<T>(db: Writer, fn: () => T): T {
  const ring = rings.get(connectionKey(db));
  if (!inTransaction(db)) throw new Error('batchAudit: inside the transaction that appends the entries');
  if (!ring || ring.batch) return fn();
  const batch: NonNullable<KeyRing['batch']> = { state: null };
  ring.batch = batch;
  try {
    return fn();
  } finally {
    ring.batch = undefined;
    // Also when fn threw and its caller goes on to commit: the head names the trail's last entry.
    const last = batch.state && inTransaction(db) ? lastEntry(db) : undefined;
    if (batch.state && last) writeHead(db, batch.state, last);
  }
}

function beginAppend(db: Writer, ring: KeyRing): AppendState {
  const last = lastEntry(db);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const head = readHead(db);
  let keys = epochsOf(head);
  const current = keys.at(-1);
  let key = current ? lookupKey(ring, current.id) : 'missing';
  let brokenAt = typeof head?.brokenAt === 'number' ? head.brokenAt : null;
  if (typeof key !== 'string') {
    // The head must be the one this trail last wrote; otherwise someone changed the log or the
    // head since, and signing a new head over it would launder that. Record where it was noticed.
    const intact =
      head !== null && head.seq === (last?.seq ?? 0) && head.hash === prevHash && head.mac === headMac(key, { seq: head.seq, hash: prevHash, keys, brokenAt });
    if (!intact) brokenAt ??= seq;
  } else {
    // First start, or the key is gone (secrets file lost, restored on another machine): a new
    // key signs from here on. The entries before cannot be checked and verification says so.
    // A log that has entries but no head at all was tampered with.
    if (!head && last) brokenAt ??= seq;
    const created = createKey(ring);
    key = created.key;
    keys = [...keys, { from: seq, id: created.id }];
  }
  return { keys, brokenAt, key };
}

/** The entry after the trail's last row (read each time: a savepoint rolled back may have dropped one). */
function appendEntry(db: Writer, state: AppendState, e: AuditEntry): Pick<AuditLogRow, 'seq' | 'hash'> {
  const last = lastEntry(db);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryMac(state.key, seq, e.at, e.actorId, e.call, e.target, e.outcome, prevHash);
  run(db, sql`INSERT INTO audit_log (seq, at, actor_id, call, target, outcome, prev_hash, hash) VALUES (${seq}, ${e.at}, ${e.actorId}, ${e.call}, ${e.target}, ${e.outcome}, ${prevHash}, ${hash})`);
  return { seq, hash };
}

/** The head naming `last`, signed. */
function writeHead(db: Writer, state: AppendState, last: Pick<AuditLogRow, 'seq' | 'hash'>): void {
  const next = { seq: last.seq, hash: last.hash, keys: state.keys, brokenAt: state.brokenAt };
  run(db, sql`INSERT INTO settings (key, value) VALUES (${HEAD_KEY}, ${JSON.stringify({ ...next, mac: headMac(state.key, next) })}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
}

/** The key ids the trail's head names (the epochs), [] when there is no head. */
const namedKeyIds = (sqlite: Database.Database): string[] => epochsOf(readHead(sqlite)).map((k) => k.id);

/** After a restore put this trail in place: the desk's keys it does not name stop counting as lost. */
export function retireKeysNotInTrail(sqlite: Database.Database, secrets: SecretStore): void {
  retireUnnamedAuditKeys(secrets, namedKeyIds(sqlite));
}

/**
 * Central answered a push with the head it held for this desk: if that entry is not in the trail,
 * the trail was erased or rewritten since, and the desk records it in the trail (continuity.ts).
 */
export function recordAuditAnchor(sqlite: Database.Database, anchor: AuditAnchor, now: number): 'ok' | 'alterado' | 'restaurado' {
  return checkAuditAnchor(sqlite, anchor, (outcome, target) => transaction(sqlite, (db) => appendAudit(db, { at: now, actorId: null, call: ANCHOR_CALL, target, outcome })));
}

/** The head hash to anchor elsewhere (sent to central with each push); null before any entry. */
export function auditHead(db: Reader): { seq: number; hash: string } | null {
  const head = readHead(db);
  return head && typeof head.seq === 'number' && typeof head.hash === 'string' ? { seq: head.seq, hash: head.hash } : null;
}

// --- Verify -------------------------------------------------------------------------------

export interface ChainBreak {
  seq: number;
  /** 'restart': the trail was erased whole and (maybe) started again (continuity.ts). */
  reason: 'hash' | 'link' | 'sequence' | 'head' | 'key' | 'restart';
  message: string;
  /**
   * For 'key': why entries could not be checked. 'unsigned': no key covers them (the app signs
   * every entry from the first, so the head's key list was emptied or cut); 'missing': the
   * secrets store never held that key (another machine's trail); 'unreadable': it holds it but
   * cannot read it here.
   */
  key?: 'unsigned' | 'missing' | 'unreadable';
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  firstBroken: ChainBreak | null;
}

const KEY_MISSING_HELP =
  'Sin ella no puede comprobarse que esas entradas no fueron alteradas. La clave se guarda en el almacén de secretos del equipo ' +
  '(no viaja en los respaldos); si la estación usa la aplicación de escritorio, verifique desde la aplicación.';

/**
 * Walks the whole chain in order. Tampering (a broken MAC, link, sequence or head) is named at the
 * first entry it affects; entries that cannot be checked because their key is missing never pass.
 */
export function verifyAuditChain(db: Reader, opts: { copy?: boolean } = {}): ChainReport {
  const ring = rings.get(connectionKey(db));
  const head = readHead(db);
  const epochs = epochsOf(head);
  // Raw rows (arrays) in seq order: this walk must stay well above 100,000 entries/s.
  const rows = preparedRead(db, sql`SELECT seq, at, actor_id, call, target, outcome, prev_hash, hash FROM audit_log ORDER BY seq`, { raw: true }).iterate() as IterableIterator<RawRow>;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let epoch = -1; // index in epochs of the epoch the current entry falls in
  let key: KeyLookup = 'missing';
  /** First run of entries that could not be checked: no epoch covers them, or their key is gone. */
  let unchecked: { from: number; to: number; why: 'unsigned' | 'missing' | 'unreadable' } | null = null;
  /** The first entry where the desk found central's anchor missing from the trail. */
  let anchorLost: { seq: number; target: string | null } | null = null;
  const broken = (seq: number, reason: ChainBreak['reason'], message: string): ChainReport => ({ ok: false, entries, firstBroken: { seq, reason, message } });
  for (const [seq, at, actorId, call, target, outcome, rowPrev, hash] of rows) {
    entries++;
    if (seq !== expectedSeq) {
      return broken(expectedSeq, 'sequence', `Falta la entrada ${expectedSeq} del registro de auditoría (la siguiente es la ${seq}).`);
    }
    if (rowPrev !== prevHash) {
      return broken(seq, 'link', `La entrada ${seq} no enlaza con la anterior: se eliminaron o reordenaron entradas.`);
    }
    while (epoch + 1 < epochs.length && epochs[epoch + 1]!.from <= seq) key = lookupKey(ring, epochs[++epoch]!.id);
    if (typeof key !== 'string') {
      if (entryMac(key, seq, at, actorId, call, target, outcome, rowPrev) !== hash) {
        return broken(seq, 'hash', `La entrada ${seq} fue modificada o recalculada sin la clave del registro.`);
      }
    } else {
      const why = epoch < 0 ? 'unsigned' : key;
      if (!unchecked) unchecked = { from: seq, to: seq, why };
      else if (unchecked.to === seq - 1 && unchecked.why === why) unchecked.to = seq;
    }
    if (call === ANCHOR_CALL && outcome === ANCHOR_TAMPERED) anchorLost ??= { seq, target };
    prevHash = hash;
    expectedSeq++;
  }
  // The desk's own trail (not a backup's copy, checked on another desk) is also checked against
  // the keys its secrets store holds: a key the head does not name signed entries that are gone.
  const restart = opts.copy ? null : restartBreak(ring?.secrets ?? null, epochs.map((k) => k.id), entries);
  const lastSeq = expectedSeq - 1;
  if (!head) {
    if (lastSeq === 0) return restart ? { ok: false, entries, firstBroken: restart } : { ok: true, entries, firstBroken: null };
    return broken(lastSeq + 1, 'head', 'Falta la cabecera del registro de auditoría: fue eliminada.');
  }
  if (head.seq !== lastSeq || head.hash !== prevHash) {
    return broken(lastSeq + 1, 'head', `Faltan entradas al final del registro de auditoría: la última registrada fue la ${head.seq ?? 0}.`);
  }
  const brokenAt = typeof head.brokenAt === 'number' ? head.brokenAt : null;
  if (typeof key !== 'string' && head.mac !== headMac(key, { seq: lastSeq, hash: prevHash, keys: epochs, brokenAt })) {
    return broken(lastSeq + 1, 'head', 'La cabecera del registro de auditoría no está firmada con su clave: fue reescrita (posible eliminación de entradas del final).');
  }
  if (brokenAt !== null) {
    return broken(
      brokenAt,
      'head',
      `Al escribir la entrada ${brokenAt} el registro de auditoría no coincidía con su cabecera firmada: antes de esa entrada se eliminaron entradas del final o se alteró la cabecera.`,
    );
  }
  if (restart) return { ok: false, entries, firstBroken: restart };
  if (anchorLost) return { ok: false, entries, firstBroken: anchorBreak(anchorLost.seq, anchorLost.target) };
  if (unchecked) {
    const one = unchecked.from === unchecked.to;
    const range = one ? `la entrada ${unchecked.from}` : `las entradas ${unchecked.from} a ${unchecked.to}`;
    const message =
      unchecked.why === 'unsigned'
        ? `${one ? `La entrada ${unchecked.from} del registro de auditoría no está firmada` : `Las entradas ${unchecked.from} a ${unchecked.to} del registro de auditoría no están firmadas`} ` +
          `con clave (versión anterior de la aplicación o cabecera alterada): no puede comprobarse que no fueron alteradas.`
        : unchecked.why === 'unreadable'
          ? `La clave del registro de auditoría que firmó ${range} existe pero no puede leerse aquí. ${KEY_MISSING_HELP}`
          : `Falta la clave del registro de auditoría que firmó ${range}. ${KEY_MISSING_HELP}`;
    return { ok: false, entries, firstBroken: { seq: unchecked.from, reason: 'key', message, key: unchecked.why } };
  }
  return { ok: true, entries, firstBroken: null };
}

export function countAuditEntries(db: Reader, fromMs: number, toMs: number): number {
  return value<number>(db, sql`SELECT count(*) AS n FROM audit_log WHERE at >= ${fromMs} AND at < ${toMs}`)!;
}

export function auditCsv(db: Reader, fromMs: number, toMs: number): { csv: string; rows: number } {
  const rows = all<{ seq: number; at: number; actorId: string | null; username: string | null; call: string; target: string | null; outcome: string; hash: string }>(
    db,
    sql`SELECT a.seq, a.at, a.actor_id AS actorId, u.username, a.call, a.target, a.outcome, a.hash
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE a.at >= ${fromMs} AND a.at < ${toMs} ORDER BY a.seq`,
  );
  const header = ['secuencia', 'fecha_hora_utc', 'usuario_id', 'usuario', 'operacion', 'objetivo', 'resultado', 'hash'];
  const lines = rows.map((r) => [r.seq, new Date(r.at).toISOString(), r.actorId, r.username, r.call, r.target, r.outcome, r.hash]);
  return { csv: writeCsv(header, lines), rows: rows.length };
}
