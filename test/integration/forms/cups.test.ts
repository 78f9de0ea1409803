// A real print: the forms go through CUPS `lp` to a cups-pdf queue and come out as a PDF file
// whose text still holds the request. Needs root and Debian's cups + printer-driver-cups-pdf
// (installed by .ci/run). Where CUPS cannot run this FAILS in CI and is skipped only locally.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest, DEMO_PRINTED_AT } from '../../../electron/core/forms/demo';
import { DEFAULT_TEMPLATES, listPrinters, printPdf, renderForm } from '../../../electron/core/forms';
import { constanciaView, type PrintableConstancia } from '../../../electron/core/forms/constancia';
import { qrPayloadFor } from '../../../electron/core/forms/digest';
import { foreignerView, type PrintableForeigner } from '../../../electron/core/forms/foreigner';
import { printedForeignerRegistration } from '../../support/foreigner';
import { okCaller, seededDesk } from '../../support/desk';
import { CLERK } from '../sync/support';
import { decodeSymbols, pdfText, renderPages, scratchDir } from './poppler';

const QUEUE = 'VP_PDF';
const CUPS_PDF_CONF = '/etc/cups/cups-pdf.conf';
const inCi = !!process.env.CI && !['false', '0'].includes(process.env.CI);

/** Absolute path of an admin command: non-login shells of root do not always have sbin on PATH. */
function which(command: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

function bin(command: string): string {
  const found = which(command);
  if (!found) throw new Error(`no se encontró «${command}»`);
  return found;
}

function cupsProblem(): string | null {
  if (process.platform !== 'linux') return `esta prueba solo corre en Linux (plataforma: ${process.platform})`;
  if (process.getuid?.() !== 0) return 'hace falta ser root para arrancar cupsd y crear la cola con lpadmin';
  for (const command of ['cupsd', 'lpadmin', 'lpinfo', 'lp', 'lpstat']) {
    if (!which(command)) return `no se encontró «${command}» (instale los paquetes cups y cups-client)`;
  }
  if (!fs.existsSync('/usr/lib/cups/backend/cups-pdf')) return 'no está el backend cups-pdf (instale printer-driver-cups-pdf)';
  return null;
}

function schedulerRunning(): boolean {
  try {
    return /scheduler is running/i.test(execFileSync(bin('lpstat'), ['-r'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } }));
  } catch {
    return false;
  }
}

/** The PDF cups-pdf wrote for the job titled `title` (it writes in place: complete once it ends with the trailer). */
function waitForOutput(title: string): Promise<string> {
  const dirs = outputDirs();
  return waitFor(`la salida de cups-pdf en ${dirs.join(' o ')}`, 60_000, () => {
    for (const dir of dirs) {
      const hit = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith(title) && f.endsWith('.pdf')) : undefined;
      if (hit) {
        const full = path.join(dir, hit);
        if (fs.readFileSync(full, 'latin1').trimEnd().endsWith('%%EOF')) return full;
      }
    }
    return null;
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | null): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Tiempo agotado esperando: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Where cups-pdf writes a job of this user: its `Out` directive, ${HOME} expanded. */
function outputDirs(): string[] {
  const conf = fs.existsSync(CUPS_PDF_CONF) ? fs.readFileSync(CUPS_PDF_CONF, 'utf8') : '';
  const out = /^\s*Out\s+(.+?)\s*$/m.exec(conf)?.[1] ?? '${HOME}/PDF';
  const anon = /^\s*AnonDirName\s+(.+?)\s*$/m.exec(conf)?.[1] ?? '/var/spool/cups-pdf/ANONYMOUS';
  return [out.replace('${HOME}', os.homedir()).replace('${USER}', os.userInfo().username), anon];
}

/**
 * Sends a request's archived paper to the cups-pdf queue through the core and returns the symbols
 * read off the page that came out (the glyphs survive the PostScript round trip; the text layer
 * may not, see the solicitud's test). The job is titled <number>-<kind> (print.ts keeps personal
 * data out of the queue); cups-pdf names its file after it.
 */
async function sendAndReadBack(call: ReturnType<typeof okCaller>, id: string, kind: string, number: string): Promise<string[]> {
  const title = `${number}-${kind}`;
  for (const dir of outputDirs()) if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) if (f.startsWith(title)) fs.rmSync(path.join(dir, f), { force: true });
  const sent = await call<{ jobId: string | null }>('forms.sendToPrinter', { id, kind, printer: QUEUE });
  expect(sent.jobId).toMatch(new RegExp(`^${QUEUE}-\\d+$`));
  const output = await waitForOutput(title);
  try {
    const [page] = renderPages(output, 200);
    return decodeSymbols(page!);
  } finally {
    fs.rmSync(output, { force: true });
  }
}

const problem = cupsProblem();
if (problem && !inCi) console.warn(`Prueba de impresión con CUPS omitida (fuera de CI): ${problem}.`);

describe.skipIf(problem !== null && !inCi)('printing through CUPS to a cups-pdf queue', () => {
  let startedCupsd: number | null = null;
  const work = scratchDir('vp-cups-');

  beforeAll(async () => {
    if (problem) throw new Error(`CUPS no está disponible para la prueba de impresión: ${problem}. .ci/run instala cups, cups-client y printer-driver-cups-pdf y corre como root.`);
    if (!schedulerRunning()) {
      // No systemd in CI: run the scheduler in the foreground as our child, stopped in afterAll.
      const child = spawn(bin('cupsd'), ['-f'], { detached: true, stdio: 'ignore' });
      child.unref();
      startedCupsd = child.pid ?? null;
      await waitFor('que cupsd acepte conexiones', 15_000, () => (schedulerRunning() ? true : null));
    }
    // Debian names it lsb/usr/cups-pdf/CUPS-PDF_opt.ppd; take any cups-pdf model if that changes.
    const models = execFileSync(bin('lpinfo'), ['-m'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0] ?? '');
    const ppd = models.find((m) => /CUPS-PDF_opt\.ppd$/i.test(m)) ?? models.find((m) => /cups-pdf/i.test(m));
    if (!ppd) throw new Error('lpinfo -m no ofrece el PPD de cups-pdf (¿está instalado printer-driver-cups-pdf?)');
    execFileSync(bin('lpadmin'), ['-p', QUEUE, '-E', '-v', 'cups-pdf:/', '-m', ppd], { stdio: 'ignore' });
  }, 60_000);

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
    if (startedCupsd !== null) {
      try {
        process.kill(startedCupsd, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });

  it('lists the queue', async () => {
    const printers = await listPrinters();
    expect(printers.map((p) => p.name)).toContain(QUEUE);
  });

  it('prints the solicitud and cups-pdf writes a PDF holding the request', async () => {
    const data = demoRequest(true);
    const pdf = await renderForm('solicitud', data, DEFAULT_TEMPLATES.solicitud, { printedAt: DEMO_PRINTED_AT });
    const file = path.join(work, 'solicitud.pdf');
    fs.writeFileSync(file, pdf);
    const title = `vp-prueba-${process.pid}-${Date.now()}`;
    // cups-pdf re-distills the job through PostScript; poppler's default pdftops drops the Unicode
    // map of embedded CID fonts on that round trip (the glyphs print fine, the output PDF just
    // loses its text layer). pdftocairo keeps it, so the text of what "came out" can be read.
    const result = await printPdf(file, QUEUE, { jobTitle: title, cupsOptions: { 'pdftops-renderer': 'pdftocairo' } });
    expect(result.jobId).toMatch(new RegExp(`^${QUEUE}-\\d+$`));
    const output = await waitForOutput(title);
    try {
      const text = pdfText(output);
      expect(text).toContain(data.number);
      expect(text).toContain('Peña Muñoz Begoña');
      expect(text).toContain('Solicitud de entrega de clave patronal');
      const [page] = renderPages(output, 200);
      expect(decodeSymbols(page!)).toContain(`CODE-128:${data.number}`);
    } finally {
      fs.rmSync(output, { force: true });
    }
  }, 90_000);

  it('forms.sendToPrinter sends a contact update\'s archived constancia, and what comes out is that constancia', async () => {
    const desk = await seededDesk({ requests: 1 });
    try {
      const call = okCaller(() => desk, CLERK);
      const { requestId: id } = await call<{ requestId: string }>('appointments.walkIn', { reason: 'Afiliada actualiza su correo', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026', requestType: 'actualizacion_contacto' });
      let { version } = await call<{ version: number }>('requests.get', { id });
      const data = { affiliateKind: 'jubilado', idType: 'cedula', idNumber: '1714307103', names: 'Pérez Guamán María José', email: 'maria.perez@gmail.com', mobile: '0991234567', landline: '' };
      version = (await call<{ version: number }>('requests.saveContactUpdate', { id, version, data })).version;
      version = (await call<{ version: number }>('requests.recordEmailUnverified', { id, version, reason: 'sin_conexion', note: null })).version;
      const printed = await call<{ form: { sha256: string } }>('forms.printConstancia', { id, version });
      const row = desk.core.ctx.db.$client.prepare("SELECT r.number, p.snapshot FROM form_prints p JOIN requests r ON r.id = p.request_id WHERE p.request_id = ? AND p.kind = 'constancia_contacto'").get(id) as { number: string; snapshot: string };
      // What came out is this constancia as archived: its barcode and its QR, read off the page.
      const symbols = await sendAndReadBack(call, id, 'constancia_contacto', row.number);
      expect(symbols).toContain(`CODE-128:${row.number}`);
      expect(symbols).toContain(`QR-Code:${qrPayloadFor(constanciaView(JSON.parse(row.snapshot) as PrintableConstancia), id)}`);
      expect(printed.form.sha256).toMatch(/^[0-9a-f]{64}$/);
      // The send is in the trámite's history.
      const history = await call<{ history: { activity: string; outcome: string }[] }>('requests.get', { id });
      expect(history.history.filter((h) => h.activity === 'formulario_enviado_impresora').map((h) => h.outcome)).toEqual(['ok']);
    } finally {
      desk.dispose();
    }
  }, 120_000);

  it('forms.sendToPrinter sends a foreigner\'s archived Solicitud; an unprinted comprobante is refused with its own sentence', async () => {
    const desk = await seededDesk({ requests: 1 });
    try {
      const call = okCaller(() => desk, CLERK);
      const { id } = await printedForeignerRegistration(call);
      const refused = (await desk.core.call('forms.sendToPrinter', { id, kind: 'comprobante_extranjero', printer: QUEUE }, CLERK)) as { ok: boolean; error?: { code: string; message: string } };
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Primero imprima el comprobante de registro de extranjero.' } });
      const row = desk.core.ctx.db.$client.prepare("SELECT r.number, p.snapshot FROM form_prints p JOIN requests r ON r.id = p.request_id WHERE p.request_id = ? AND p.kind = 'solicitud_extranjero'").get(id) as { number: string; snapshot: string };
      // What came out is the archived Solicitud: its barcode and its QR, read off the page.
      const symbols = await sendAndReadBack(call, id, 'solicitud_extranjero', row.number);
      expect(symbols).toContain(`CODE-128:${row.number}`);
      expect(symbols).toContain(`QR-Code:${qrPayloadFor(foreignerView('solicitud_extranjero', JSON.parse(row.snapshot) as PrintableForeigner), id)}`);
    } finally {
      desk.dispose();
    }
  }, 120_000);
});
