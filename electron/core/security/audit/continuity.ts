// Continuity of a desk's own audit trail. The keyed chain (chain.ts) proves that the entries it
// holds were not edited, reordered or cut off the end; it cannot, by itself, tell a trail that was
// erased whole (triggers dropped, every entry and the head deleted) from a desk that never wrote
// one. Two witnesses outside the database can:
// - the secrets store, which keeps every audit key the desk ever created (keys are never
//   deleted). A key there that the trail's head does not name signed entries that are gone: the
//   trail was erased, and a new one started. A restore replaces the trail on purpose; it retires
//   the keys the restored trail does not name, so they stop counting (they still verify the data
//   the restore set aside).
// - central, which keeps the head the desk sent with its last push and answers it back with the
//   next one (docs/protocol/README.md). A trail that no longer holds that entry was erased or
//   rewritten; the desk records it in the trail itself, as an entry signed with its current key.
// Limits: someone who also deletes the keys from the secrets file leaves only central's witness;
// and in the browser host the secrets file is not encrypted (chain.ts).
import type { AuditLogRow } from '../../../../db/rows';
import type Database from 'better-sqlite3';
import type { ReadSecrets, SecretStore } from '../../context';
import type { ChainBreak } from './chain';

/** Each key is kept in the secrets store as `auditKey.<id>`. */
export const KEY_SECRET_PREFIX = 'auditKey.';
/** JSON list of the key ids a restore retired. */
const RETIRED_SECRET = 'auditKeysRetired';

/** The entry a desk writes when central's anchor is not in its trail (outcome: one of the two below). */
export const ANCHOR_CALL = 'audit.anchor';
export const ANCHOR_TAMPERED = 'alterado';
/** The anchor is gone because a backup was restored after central received it: expected, not tampering. */
const ANCHOR_RESTORED = 'restaurado';

function retiredIds(secrets: ReadSecrets): Set<string> | null {
  const stored = secrets.get(RETIRED_SECRET);
  if (stored === null) return new Set();
  const ids = JSON.parse(stored) as unknown;
  return Array.isArray(ids) ? new Set(ids.filter((x): x is string => typeof x === 'string')) : null;
}

/** Ids of the keys this desk signed its own trail with (not retired); null when the store cannot tell here. */
function ownKeyIds(secrets: ReadSecrets | null): string[] | null {
  if (!secrets) return null;
  try {
    const retired = retiredIds(secrets);
    if (!retired) return null;
    return secrets
      .list(KEY_SECRET_PREFIX)
      .map((name) => name.slice(KEY_SECRET_PREFIX.length))
      .filter((id) => !retired.has(id));
  } catch {
    return null; // e.g. the desktop app's encrypted store read where it cannot be decrypted
  }
}

/** An erased trail: a key of this desk that the head (`named`: its key ids) does not name. */
export function restartBreak(secrets: ReadSecrets | null, named: string[], entries: number): ChainBreak | null {
  const lost = ownKeyIds(secrets)?.filter((id) => !named.includes(id)) ?? [];
  if (lost.length === 0) return null;
  const message =
    entries === 0
      ? 'El registro de auditoría está vacío, pero este equipo ya firmó entradas con su clave (guardada en su almacén de secretos): el registro fue eliminado.'
      : `El registro de auditoría fue eliminado o reemplazado y empezó de nuevo: este equipo guarda ${lost.length === 1 ? 'una clave con la que firmó' : `${lost.length} claves con las que firmó`} entradas que ya no están en el registro.`;
  return { seq: 1, reason: 'restart', message };
}

/** After a restore: the desk's keys the restored trail does not name stop counting as lost. */
export function retireUnnamedAuditKeys(secrets: SecretStore, named: string[]): void {
  const gone = ownKeyIds(secrets)?.filter((id) => !named.includes(id)) ?? [];
  if (gone.length === 0) return;
  secrets.set(RETIRED_SECRET, JSON.stringify([...(retiredIds(secrets) ?? []), ...gone]));
}

export interface AuditAnchor {
  seq: number;
  hash: string;
  /** When central received it (central's clock). */
  receivedAt?: number;
}

/**
 * Central's anchor must be an entry of this trail. When it is not, the desk writes down, in the
 * trail, that it was erased or rewritten ('alterado'), unless a backup restored since explains it.
 * `append` writes one audit entry (chain.ts appendAudit, bound to this connection).
 */
export function checkAuditAnchor(sqlite: Database.Database, anchor: AuditAnchor, append: (outcome: string, target: string) => void): 'ok' | typeof ANCHOR_TAMPERED | typeof ANCHOR_RESTORED {
  const row = sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as Pick<AuditLogRow, 'hash'> | undefined;
  if (row?.hash === anchor.hash) return 'ok';
  const restored = anchor.receivedAt !== undefined && sqlite.prepare("SELECT 1 FROM audit_log WHERE call = 'backup.restored' AND at >= ? LIMIT 1").get(anchor.receivedAt) !== undefined;
  const outcome = restored ? ANCHOR_RESTORED : ANCHOR_TAMPERED;
  sqlite.transaction(() => append(outcome, `anchor:${anchor.seq}`)).immediate();
  return outcome;
}

/** The break an 'alterado' anchor entry at `seq` (target `anchor:<n>`) stands for. */
export function anchorBreak(seq: number, target: string | null): ChainBreak {
  const n = /^anchor:(\d+)$/.exec(target ?? '')?.[1] ?? '?';
  return {
    seq,
    reason: 'restart',
    message: `Al sincronizar, el IESS tenía registrada la entrada ${n} de este equipo y el registro de auditoría ya no la tenía: el registro fue eliminado o reescrito antes de la entrada ${seq}.`,
  };
}
