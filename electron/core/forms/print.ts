// Sending a PDF to a printer. Linux/macOS: CUPS `lp`/`lpstat` run with execFile (never a shell,
// so a printer or file name cannot inject commands). Windows: the pdf-to-printer package (it
// drives a bundled SumatraPDF), behind the same two functions. Only the CUPS path is tested here.
import { execFile as execFileCb } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
}

export interface PrintResult {
  /** CUPS job id (e.g. "VP_PDF-12"); null on Windows, which reports none. */
  jobId: string | null;
  printer: string | null;
}

export type ExecFileFn = (file: string, args: readonly string[], opts: { timeout: number }) => Promise<{ stdout: string; stderr: string }>;

export interface WindowsPrinting {
  print(file: string, printer: string | null): Promise<void>;
  list(): Promise<PrinterInfo[]>;
}

/** Seams for tests and for the host; everything has a working default. */
export interface PrintDeps {
  platform?: NodeJS.Platform;
  execFile?: ExecFileFn;
  windows?: () => Promise<WindowsPrinting>;
  /** CUPS job title (cups-pdf names its output after it). Keep personal data out of it. */
  jobTitle?: string;
  /** Extra CUPS job options (`-o key=value`), e.g. { 'pdftops-renderer': 'pdftocairo' }. */
  cupsOptions?: Record<string, string>;
  timeoutMs?: number;
}

export class PrintError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'PrintError';
  }
}

const defaultExecFile: ExecFileFn = (file, args, opts) =>
  new Promise((resolve, reject) => {
    execFileCb(file, [...args], { timeout: opts.timeout, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });

async function defaultWindows(): Promise<WindowsPrinting> {
  // Loaded only on Windows: the package is a bundle around a Windows executable.
  const mod = await import('pdf-to-printer');
  const api = (mod as unknown as { default?: typeof mod }).default ?? mod;
  return {
    async print(file, printer) {
      await api.print(file, { ...(printer ? { printer } : {}), paperSize: 'A4', scale: 'noscale', silent: true });
    },
    async list() {
      const [all, preferred] = await Promise.all([api.getPrinters(), api.getDefaultPrinter()]);
      return all.map((p) => ({ name: p.name, isDefault: preferred !== null && p.name === preferred.name }));
    },
  };
}

// CUPS queue names: printable characters except space, tab, '/', '\\', '#', quotes; we also refuse
// a leading '-' so a name can never read as an option.
const CUPS_NAME = /^[^\s/\\#'"-][^\s/\\#'"]{0,126}$/;

function isWindows(deps: PrintDeps): boolean {
  return (deps.platform ?? process.platform) === 'win32';
}

function explain(err: unknown, command: string): string {
  const e = err as { code?: unknown; stderr?: unknown; killed?: boolean };
  if (e.code === 'ENOENT') return `No se encontró el comando «${command}»: instale CUPS (paquete cups-client).`;
  if (e.killed) return `El comando «${command}» no respondió a tiempo.`;
  const stderr = typeof e.stderr === 'string' ? e.stderr.trim() : '';
  if (/scheduler is not running|connect/i.test(stderr)) return 'El servicio de impresión CUPS no está en ejecución.';
  if (/does not exist|unknown destination|invalid destination/i.test(stderr)) return 'La impresora no existe en CUPS.';
  return stderr || (err instanceof Error ? err.message : String(err));
}

/**
 * Prints a PDF (a path, or the bytes) on `printer`, or on the default printer when null.
 * Resolves once the spooler has accepted the job, not when the paper comes out.
 */
export async function printPdf(file: string | Buffer, printer: string | null, deps: PrintDeps = {}): Promise<PrintResult> {
  if (printer !== null && (printer.trim() === '' || (!isWindows(deps) && !CUPS_NAME.test(printer)))) {
    throw new PrintError(`Nombre de impresora no válido: «${printer}».`);
  }
  let tempDir: string | null = null;
  let target: string;
  if (typeof file === 'string') {
    target = path.resolve(file);
    if (!fs.existsSync(target)) throw new PrintError(`No existe el archivo a imprimir: ${target}`);
  } else {
    // The bytes hold personal data: an owner-only temporary file, removed after spooling.
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-print-'));
    target = path.join(tempDir, 'formulario.pdf');
    fs.writeFileSync(target, file, { mode: 0o600 });
  }
  try {
    if (isWindows(deps)) {
      const windows = await (deps.windows ?? defaultWindows)();
      try {
        await windows.print(target, printer);
      } catch (err) {
        throw new PrintError(`No se pudo imprimir${printer ? ` en «${printer}»` : ''}: ${err instanceof Error ? err.message : String(err)}`, err);
      }
      return { jobId: null, printer };
    }
    const options = Object.entries({ media: 'A4', ...deps.cupsOptions });
    for (const [key, value] of options) {
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(key) || /[\s'"]/.test(value)) throw new PrintError(`Opción de impresión no válida: ${key}=${value}`);
    }
    const args = [
      ...(printer ? ['-d', printer] : []),
      '-t', deps.jobTitle ?? 'Ventanilla Patronal',
      ...options.flatMap(([key, value]) => ['-o', `${key}=${value}`]),
      '--', target,
    ];
    let stdout: string;
    try {
      ({ stdout } = await (deps.execFile ?? defaultExecFile)('lp', args, { timeout: deps.timeoutMs ?? 30_000 }));
    } catch (err) {
      throw new PrintError(`No se pudo imprimir${printer ? ` en «${printer}»` : ''}: ${explain(err, 'lp')}`, err);
    }
    return { jobId: /request id is (\S+)/i.exec(stdout)?.[1] ?? null, printer };
  } finally {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** The printers the clerk can choose from, the system default marked. */
export async function listPrinters(deps: PrintDeps = {}): Promise<PrinterInfo[]> {
  if (isWindows(deps)) {
    const windows = await (deps.windows ?? defaultWindows)();
    try {
      return await windows.list();
    } catch (err) {
      throw new PrintError(`No se pudo obtener la lista de impresoras: ${err instanceof Error ? err.message : String(err)}`, err);
    }
  }
  const run = deps.execFile ?? defaultExecFile;
  const timeout = deps.timeoutMs ?? 10_000;
  let names: string[];
  try {
    const { stdout } = await run('lpstat', ['-e'], { timeout });
    names = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  } catch (err) {
    const stderr = (err as { stderr?: unknown }).stderr;
    // CUPS answers "No destinations added." with a non-zero status: that is an empty list.
    if (typeof stderr === 'string' && /no destinations added/i.test(stderr)) return [];
    throw new PrintError(`No se pudo obtener la lista de impresoras: ${explain(err, 'lpstat')}`, err);
  }
  let preferred: string | null = null;
  try {
    const { stdout } = await run('lpstat', ['-d'], { timeout });
    preferred = /destination:\s*(\S+)/i.exec(stdout)?.[1] ?? null;
  } catch {
    // No default printer is a normal state, not an error for the list.
  }
  return names.map((name) => ({ name, isDefault: name === preferred }));
}
