// Counter metrics on the big demo database (1M requests of the three types, db/seed/demo.ts): the
// intake calls a clerk makes all day, for the employer key and the affiliate procedures, measured
// through the core's worker as every host runs it (electron/hosts/common/core-thread.ts, with its
// reader workers and WAL checkpointer; target p95 ≤ 5 ms), the hashing rate of the largest
// attachment, and how long the whole-file check of a scan takes (counter/attachments/content.ts)
// on scan-sized files.
import Database from 'better-sqlite3';
import path from 'node:path';
import jpeg from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { inspectScan } from '../../electron/core/counter/attachments/content';
import { DAY_MS, ecuadorDate } from '../../shared/domain/dates';
import { td3 } from '../../db/seed/generate';
import { sha256 } from '../../electron/core/counter/attachments/files';
import { DB_FILE_NAME } from '../../db/open';
import { silentLogger } from '../../electron/core/context';
import { startDeskWorker } from '../../electron/hosts/common/core-thread';
import type { Auth } from '../../electron/core/registry';
import { busiestThread, percentile, threadCpuMs, type MetricFactory } from './harness';
import { COMPANY_INTAKE } from '../support/intake';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const INTAKE = COMPANY_INTAKE;

type Ok<T> = { ok: true; value: T };

/** An affiliate's contact update as the clerk types it (shared/domain/contact-update.ts). */
const CONTACT = { affiliateKind: 'afiliado', idType: 'cedula', idNumber: '1714307103', names: 'Peña Muñoz Begoña', email: 'begona.pena@gmail.com', mobile: '0991234567', landline: '022345678' } as const;

/** A foreign worker's registration, the passport valid for years from `now` (shared/domain/foreigner-registration.ts). */
function foreignerData(now: number) {
  const expiry = ecuadorDate(now + 5 * 365 * DAY_MS);
  const contract = ecuadorDate(now - 30 * DAY_MS);
  const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');
  return {
    mrz: td3({ surnames: 'PEREZ GOMEZ', givenNames: 'ANA LUCIA', number: 'AB1234567', nationality: 'COL', birth: '850312', sex: 'F', expiry: yymmdd(expiry) }),
    passportNumber: 'AB1234567',
    passportExpiryDate: expiry,
    nationality: 'COL',
    names: 'Pérez Gómez Ana Lucía',
    birthDate: '1985-03-12',
    sex: 'F',
    employerRuc: '1792060346001',
    contractNumber: 'SUT-2026-001234',
    contractDate: contract,
    position: 'Cocinera',
    startDate: contract,
  } as const;
}

export const counterMetrics: MetricFactory = ({ smoke, seeded, requests }) => {
  const rounds = smoke ? 5 : 200;
  const label = smoke ? '(smoke)' : requests === 1_000_000 ? '(1M)' : `(${requests.toLocaleString('es-EC')})`;
  const samples = {
    create: [] as number[],
    save: [] as number[],
    verify: [] as number[],
    contactCreate: [] as number[],
    contactSave: [] as number[],
    foreignerCreate: [] as number[],
    foreignerSave: [] as number[],
    foreignerStart: [] as number[],
  };
  /** The core thread's CPU time of each call, in the same order as its bucket's wall times. */
  const cpu = new Map<number[], number[]>(Object.values(samples).map((bucket) => [bucket, []]));
  let measured: Promise<void> | null = null;

  async function measure(): Promise<void> {
    const { dataDir } = await seeded();
    // Today's turnos for the measurement, before the core opens: each check-in creates one request.
    // Turnos of each type (central sends the type with the turno): employer, contact update, foreigner.
    const sqlite = new Database(path.join(dataDir, DB_FILE_NAME));
    try {
      const today = ecuadorDate(Date.now());
      const insert = sqlite.prepare(
        "INSERT INTO appointments (id, agency_id, date, time, confirmation_code, cedula, names, status, request_type) VALUES (?, 'agency-uio', ?, '12:00', ?, '1714307103', 'Peña Muñoz Begoña', 'pendiente', ?)",
      );
      const turnos = [['BENCH', 'clave_patronal'], ['BENCHC', 'actualizacion_contacto'], ['BENCHX', 'registro_extranjero']] as const;
      sqlite.transaction(() => {
        for (const [prefix, type] of turnos) for (let i = 0; i < rounds; i++) insert.run(`bench-${prefix}-${i}`, today, `${prefix}${String(i).padStart(5, '0')}`, type);
      })();
    } finally {
      sqlite.close();
    }
    const core = startDeskWorker({ dataDir, host: 'cli', log: silentLogger, servicesPaused: true });
    await core.ready;
    // The core's thread: the one that runs while it answers (null off Linux: no CPU figures then).
    const coreThread = await busiestThread(async () => {
      for (let i = 0; i < 20; i++) await core.call('requests.myOpen', {}, CLERK);
    });
    const timed = async <T>(bucket: number[], name: string, input: unknown): Promise<T> => {
      const c0 = coreThread ? threadCpuMs(coreThread) : null;
      const t0 = performance.now();
      const r = await core.call(name, input, CLERK);
      bucket.push(performance.now() - t0);
      const c1 = coreThread ? threadCpuMs(coreThread) : null;
      if (c0 !== null && c1 !== null) cpu.get(bucket)!.push(c1 - c0);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return (r as Ok<T>).value;
    };
    try {
      const foreigner = foreignerData(Date.now());
      for (let i = 0; i < rounds; i++) {
        const { requestId } = await timed<{ requestId: string }>(samples.create, 'appointments.checkIn', { query: `BENCH${String(i).padStart(5, '0')}` });
        let version = ((await core.call('requests.get', { id: requestId }, CLERK)) as Ok<{ version: number }>).value.version;
        for (const field of ['employerRuc', 'employerLegalName', 'email'] as const) {
          version = (await timed<{ version: number }>(samples.save, 'requests.saveDraft', { id: requestId, version, intake: { ...INTAKE, [field]: INTAKE[field] } })).version;
        }
        version = (await core.call('requests.startVerification', { id: requestId, version }, CLERK) as Ok<{ version: number }>).value.version;
        await timed(samples.verify, 'requests.verifyDocument', { id: requestId, version, documentType: 'cedula_representante', presented: true, presentedAs: 'original', status: 'verificado', checks: { numberValid: true } });

        // A contact update: the affiliate's data typed field by field (requests.saveContactUpdate).
        const contact = await timed<{ requestId: string }>(samples.contactCreate, 'appointments.checkIn', { query: `BENCHC${String(i).padStart(5, '0')}` });
        version = ((await core.call('requests.get', { id: contact.requestId }, CLERK)) as Ok<{ version: number }>).value.version;
        for (const field of ['names', 'email', 'landline'] as const) {
          version = (await timed<{ version: number }>(samples.contactSave, 'requests.saveContactUpdate', { id: contact.requestId, version, data: { ...CONTACT, [field]: CONTACT[field] } })).version;
        }

        // A foreigner's registration: the passport zone and the SUT contract saved, then the
        // verification begun (the MRZ checked again, the checklist written).
        const registration = await timed<{ requestId: string }>(samples.foreignerCreate, 'appointments.checkIn', { query: `BENCHX${String(i).padStart(5, '0')}` });
        version = ((await core.call('requests.get', { id: registration.requestId }, CLERK)) as Ok<{ version: number }>).value.version;
        for (const field of ['mrz', 'employerRuc', 'position'] as const) {
          version = (await timed<{ version: number }>(samples.foreignerSave, 'requests.saveForeignerRegistration', { id: registration.requestId, version, data: { ...foreigner, [field]: foreigner[field] } })).version;
        }
        await timed(samples.foreignerStart, 'requests.startForeignerVerification', { id: registration.requestId, version });
      }
    } finally {
      await core.stop();
    }
    for (const s of Object.values(samples)) s.sort((a, b) => a - b);
    for (const s of cpu.values()) s.sort((a, b) => a - b);
  }
  const p95 = async (bucket: number[]) => {
    await (measured ??= measure());
    const ran = cpu.get(bucket)!;
    // The core thread's own CPU time: what the call costs, without the waits of a shared machine.
    const cpuDetail = ran.length === bucket.length ? `; CPU del hilo del núcleo p50 ${percentile(ran, 50).toFixed(2)} ms, p95 ${percentile(ran, 95).toFixed(2)} ms` : '';
    return { value: percentile(bucket, 95), detail: `p50 ${percentile(bucket, 50).toFixed(2)} ms, ${bucket.length} llamadas${cpuDetail}` };
  };

  /** Scan-like pixels: paper with noise and lines of "text", which compress like a real scan. */
  const page = (width: number, height: number) => {
    const data = Buffer.alloc(width * height * 4);
    let seed = 7;
    for (let i = 0; i < width * height; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const x = i % width;
      const y = (i / width) | 0;
      const ink = (y >> 4) % 3 === 0 && (x * 7 + y * 3) % 23 < 9 ? 120 : 0;
      const v = 235 - ink - (seed % 40);
      data.writeUInt32BE(((v << 24) | (v << 16) | ((v - 8) << 8) | 255) >>> 0, i * 4);
    }
    return { data, width, height };
  };
  const scanCheck = async (make: () => Promise<Buffer> | Buffer) => {
    const data = await make();
    await inspectScan(data); // first use loads pdf.js: not what a clerk waits for on each scan
    const times: number[] = [];
    for (let i = 0; i < (smoke ? 2 : 20); i++) {
      const t0 = performance.now();
      const v = await inspectScan(data);
      times.push(performance.now() - t0);
      if (!v.ok) throw new Error(`scan refused: ${v.reason}`);
    }
    times.sort((a, b) => a - b);
    return { value: percentile(times, 95), detail: `${(data.length / 1_048_576).toFixed(1)} MB` };
  };
  const side = smoke ? 400 : 2480; // 300 ppp, A4 width
  const jpegScan = () => Buffer.from(jpeg.encode(page(side, Math.round(side * 1.414)), 92).data);
  const pdfScan = () =>
    new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      const img = jpegScan();
      for (let i = 0; i < 2; i++) doc.addPage().image(img, 0, 0, { width: 595, height: 842 });
      doc.end();
    });
  const pngScan = () => {
    const png = new PNG({ width: smoke ? 300 : 1500, height: smoke ? 400 : 2000 });
    png.data = page(png.width, png.height).data;
    return PNG.sync.write(png);
  };

  return [
    { name: 'Lectura completa de un escaneo JPG (300 ppp)', unit: 'ms p95', target: { op: '<=', value: 50 }, run: () => scanCheck(jpegScan) },
    { name: 'Lectura completa de un escaneo PDF (2 páginas, 300 ppp)', unit: 'ms p95', target: { op: '<=', value: 50 }, run: () => scanCheck(pdfScan) },
    { name: 'Lectura completa de un escaneo PNG (~5 MB)', unit: 'ms p95', target: { op: '<=', value: 50 }, run: () => scanCheck(pngScan) },
    { name: `appointments.checkIn (crea la solicitud) ${label}`, unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.create) },
    { name: `requests.saveDraft ${label}`, unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.save) },
    { name: `requests.verifyDocument ${label}`, unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.verify) },
    // The affiliate procedures' own intake calls, on the same mixed database and at the same target.
    { name: `appointments.checkIn de una actualización de contacto ${label}`, key: 'counter.contact_update.check_in', unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.contactCreate) },
    { name: `requests.saveContactUpdate ${label}`, key: 'counter.contact_update.save', unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.contactSave) },
    { name: `appointments.checkIn de un registro de extranjero ${label}`, key: 'counter.foreigner.check_in', unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.foreignerCreate) },
    { name: `requests.saveForeignerRegistration ${label}`, key: 'counter.foreigner.save', unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.foreignerSave) },
    { name: `requests.startForeignerVerification (MRZ y lista de documentos) ${label}`, key: 'counter.foreigner.start_verification', unit: 'ms p95', target: { op: '<=', value: 5 }, run: () => p95(samples.foreignerStart) },
    {
      name: 'SHA-256 de un adjunto de 5 MB',
      unit: 'MB/s',
      target: { op: '>=', value: 100 },
      run: () => {
        const data = Buffer.alloc(5 * 1_048_576, 7);
        const n = smoke ? 3 : 40;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) sha256(data);
        return { value: (5 * n) / ((performance.now() - t0) / 1000) };
      },
    },
  ];
};
