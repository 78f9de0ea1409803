// One desk of the agency proof (agency.test.ts) in its own process and data directory (a copy of
// a seeded desk), driven by its parent over IPC: enrolled, then working offline through the real calls (a
// clerk and a supervisor take and move requests), then syncing through central's faults, then
// telling what it sees. Run bundled (esbuild), like desk-worker.ts.
import type { Auth } from '../../../electron/core/registry';
import { syncOnce, type SyncOptions } from '../../../electron/core/sync';
import { openDesk } from '../../../electron/hosts/common/open-desk';

const [dataDir, migrationsDir] = process.argv.slice(2);
if (!dataDir || !migrationsDir) throw new Error('usage: agency-desk DATA_DIR MIGRATIONS_DIR');
const { core, close } = openDesk({ dataDir, migrationsDir, host: 'cli' });
const sqlite = core.ctx.db.$client;

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
/** Fast retries: the real policy waits seconds; the logic is the same (support.ts FAST). */
const SYNC: Partial<SyncOptions> = { timeoutMs: 1_500, backoff: { baseMs: 5, maxMs: 50 }, batchSize: 200, pageSize: 500 };

async function call<T>(name: string, input: unknown, who: Auth = CLERK): Promise<T> {
  const r = await core.call(name, input, who);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

const intake = (n: number) => ({
  applicantKind: 'natural_ecuatoriana',
  employerRuc: '1714307103001',
  employerBranch: '0001',
  employerLegalName: 'Peña Muñoz Begoña',
  representativeIdType: 'cedula',
  representativeIdNumber: '1714307103',
  representativeNames: 'Peña Muñoz Begoña',
  representativeNationality: 'ECU',
  email: `empleador${n}@correo.ec`,
  mobile: '0991234567',
  address: 'Calle Sucre 4-52 y Bolívar, Cuenca',
  viaThirdParty: false,
  artisan: false,
});

type Version = { version: number };

/** Up to review, forms printed and signatures marked, then approved by the supervisor. */
async function approve(id: string, version: number): Promise<void> {
  version = (await call<Version>('requests.startVerification', { id, version })).version;
  const check = { presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true, namesMatch: true } };
  version = (await call<Version>('requests.verifyDocument', { id, version, documentType: 'cedula_representante', ...check })).version;
  version = (await call<Version>('forms.print', { id, version })).version;
  const detail = await call<{ checklist: { documentType: string; signature: string | null }[] }>('requests.get', { id });
  for (const d of detail.checklist.filter((c) => c.signature === 'manuscrita')) {
    version = (await call<Version>('requests.markSignature', { id, version, documentType: d.documentType, marked: true })).version;
    version = (await call<Version>('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: 'entrega_en_ventanilla', status: 'verificado' })).version;
  }
  version = (await call<Version & { state: string }>('requests.transition', { id, version, event: 'enviar_a_revision' })).version;
  await call('review.approve', { id, version }, SUPERVISOR);
}

/**
 * `count` requests taken from turnos and moved along every road of the lifecycle, by the clerk and
 * by the supervisor: annulled, rejected after verification, left in verification or as drafts,
 * annulled by the supervisor, and (every `printEvery`th) printed, reviewed and approved.
 */
async function work(count: number, printEvery: number, tag: string): Promise<{ created: string[] }> {
  const today = new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);
  const insert = sqlite.prepare("INSERT INTO appointments (id, agency_id, date, time, confirmation_code, cedula, names, status) VALUES (?, 'agency-uio', ?, '08:00', ?, '1714307103', 'Peña Muñoz Begoña', 'pendiente')");
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`${tag}-turno-${i}`, today, `${tag}T${String(i).padStart(5, '0')}`);
  })();
  const created: string[] = [];
  for (let i = 0; i < count; i++) {
    const { requestId: id } = await call<{ requestId: string }>('appointments.checkIn', { query: `${tag}T${String(i).padStart(5, '0')}` });
    created.push(id);
    let { version } = await call<Version>('requests.get', { id });
    if (i % printEvery === printEvery - 1) {
      version = (await call<Version>('requests.saveDraft', { id, version, intake: intake(i) })).version;
      await approve(id, version);
      continue;
    }
    switch (i % 5) {
      case 0:
        await call('requests.transition', { id, version, event: 'anular', note: 'El solicitante desistió del trámite.' });
        break;
      case 1:
        version = (await call<Version>('requests.saveDraft', { id, version, intake: intake(i) })).version;
        version = (await call<Version>('requests.startVerification', { id, version })).version;
        await call('requests.transition', { id, version, event: 'rechazar', reasonCode: 'ruc_inactivo' });
        break;
      case 2:
        version = (await call<Version>('requests.saveDraft', { id, version, intake: intake(i) })).version;
        await call('requests.startVerification', { id, version });
        break;
      case 3:
        break; // a draft waiting
      case 4:
        await call('requests.transition', { id, version, event: 'anular', note: 'Turno duplicado, anulado por supervisión.' }, SUPERVISOR);
        break;
    }
  }
  return { created };
}

/** Cycles until one succeeds with nothing left to push (central's faults make many fail first). */
async function sync(max: number): Promise<{ cycles: number; failures: number }> {
  let failures = 0;
  for (let cycles = 1; cycles <= max; cycles++) {
    const r = await syncOnce(core.ctx, SYNC);
    const left = (sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
    if (r.ok && left === 0) return { cycles, failures };
    if (!r.ok) failures++;
    if (!r.ok && r.kind !== 'not_enrolled') await new Promise((resolve) => setTimeout(resolve, Math.min(r.retryInMs, 200)));
  }
  throw new Error(`desk did not converge after ${max} cycles`);
}

/** What this desk shows of the agency: every request it holds with its state, and its outbox. */
function view() {
  return {
    requests: sqlite.prepare("SELECT id, number, state FROM requests WHERE number NOT LIKE 'CAU-UIO-2026-______' ORDER BY id").all() as { id: string; number: string; state: string }[],
    outboxKeys: (sqlite.prepare('SELECT idempotency_key AS k FROM outbox').all() as { k: string }[]).map((r) => r.k),
    unacked: (sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n,
    rejected: sqlite.prepare("SELECT last_error AS reason FROM outbox WHERE status = 'rechazado' LIMIT 5").all(),
    conflicts: sqlite.prepare('SELECT reason FROM sync_conflicts LIMIT 5').all(),
  };
}

type Command =
  | { cmd: 'init'; centralUrl: string; code: string; deviceName: string }
  | { cmd: 'work'; count: number; printEvery: number; tag: string }
  | { cmd: 'sync'; max: number }
  | { cmd: 'view' }
  | { cmd: 'close' };

async function handle(m: Command): Promise<unknown> {
  switch (m.cmd) {
    case 'init':
      return call('sync.enrol', { centralUrl: m.centralUrl, enrolmentCode: m.code, deviceName: m.deviceName }, ADMIN);
    case 'work':
      return work(m.count, m.printEvery, m.tag);
    case 'sync':
      return sync(m.max);
    case 'view':
      return view();
    case 'close':
      close();
      setImmediate(() => process.exit(0));
      return {};
  }
}

process.on('message', (m: Command & { id: number }) => {
  handle(m).then(
    (value) => process.send!({ id: m.id, ok: true, value }),
    (err: unknown) => process.send!({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.send!({ ready: true });
