// The printing seam without a printer: what is run (never a shell), how answers and failures are
// read, and that Windows goes through its adapter. The real CUPS round trip is in cups.test.ts.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listPrinters, printPdf, PrintError } from '../../../electron/core/forms';
import type { ExecFileFn, WindowsPrinting } from '../../../electron/core/forms/print';
import { scratchDir } from './poppler';

interface Call { file: string; args: readonly string[] }

function fakeExec(answers: Record<string, { stdout?: string; error?: object }>): { exec: ExecFileFn; calls: Call[] } {
  const calls: Call[] = [];
  const exec: ExecFileFn = async (file, args) => {
    calls.push({ file, args });
    const answer = answers[`${file} ${args[0] ?? ''}`] ?? answers[file];
    if (answer?.error) throw answer.error;
    return { stdout: answer?.stdout ?? '', stderr: '' };
  };
  return { exec, calls };
}

const dir = scratchDir('vp-print-unit-');
const pdfFile = `${dir}/-tricky name.pdf`;
fs.writeFileSync(pdfFile, '%PDF-1.3\n');

describe('printPdf through CUPS', () => {
  it('runs lp with the queue, A4 and the file after "--"', async () => {
    const { exec, calls } = fakeExec({ lp: { stdout: 'request id is VP_PDF-7 (1 file(s))\n' } });
    const result = await printPdf(pdfFile, 'VP_PDF', { platform: 'linux', execFile: exec, jobTitle: 'formulario' });
    expect(result).toEqual({ jobId: 'VP_PDF-7', printer: 'VP_PDF' });
    expect(calls).toEqual([{ file: 'lp', args: ['-d', 'VP_PDF', '-t', 'formulario', '-o', 'media=A4', '--', pdfFile] }]);
  });

  it('uses the default printer when none is named', async () => {
    const { exec, calls } = fakeExec({ lp: { stdout: 'request id is X-1 (1 file(s))' } });
    await printPdf(pdfFile, null, { platform: 'darwin', execFile: exec });
    expect(calls[0]?.args).not.toContain('-d');
  });

  it('prints bytes through an owner-only temporary file that is removed afterwards', async () => {
    let seen = '';
    const exec: ExecFileFn = async (_file, args) => {
      seen = args.at(-1) ?? '';
      expect(fs.readFileSync(seen, 'utf8')).toBe('%PDF-bytes');
      expect(fs.statSync(seen).mode & 0o777).toBe(0o600);
      return { stdout: 'request id is VP_PDF-8 (1 file(s))', stderr: '' };
    };
    await printPdf(Buffer.from('%PDF-bytes'), 'VP_PDF', { platform: 'linux', execFile: exec });
    expect(seen).not.toBe('');
    expect(fs.existsSync(seen)).toBe(false);
  });

  it('refuses printer names that could be read as options or paths', async () => {
    const { exec, calls } = fakeExec({});
    for (const name of ['-o', 'a b', 'x/y', '', 'a#b']) {
      await expect(printPdf(pdfFile, name, { platform: 'linux', execFile: exec })).rejects.toThrow(/Nombre de impresora no válido/);
    }
    expect(calls).toEqual([]);
  });

  it('explains failures in Spanish', async () => {
    const missing = fakeExec({ lp: { error: Object.assign(new Error('spawn lp ENOENT'), { code: 'ENOENT' }) } });
    await expect(printPdf(pdfFile, 'VP_PDF', { platform: 'linux', execFile: missing.exec })).rejects.toThrow(/instale CUPS/);
    const down = fakeExec({ lp: { error: Object.assign(new Error('exit 1'), { code: 1, stderr: 'lp: Scheduler is not running.' }) } });
    await expect(printPdf(pdfFile, 'VP_PDF', { platform: 'linux', execFile: down.exec })).rejects.toThrow(PrintError);
    await expect(printPdf(pdfFile, 'VP_PDF', { platform: 'linux', execFile: down.exec })).rejects.toThrow(/CUPS no está en ejecución/);
    await expect(printPdf(`${dir}/no-existe.pdf`, 'VP_PDF', { platform: 'linux', execFile: down.exec })).rejects.toThrow(/No existe el archivo/);
  });
});

describe('listPrinters through CUPS', () => {
  it('lists the queues and marks the default', async () => {
    const { exec } = fakeExec({ 'lpstat -e': { stdout: 'Oficina\nVP_PDF\n' }, 'lpstat -d': { stdout: 'system default destination: VP_PDF\n' } });
    expect(await listPrinters({ platform: 'linux', execFile: exec })).toEqual([
      { name: 'Oficina', isDefault: false },
      { name: 'VP_PDF', isDefault: true },
    ]);
  });

  it('treats "no destinations" as an empty list', async () => {
    const { exec } = fakeExec({ 'lpstat -e': { error: Object.assign(new Error('exit 1'), { code: 1, stderr: 'lpstat: No destinations added.' }) } });
    expect(await listPrinters({ platform: 'linux', execFile: exec })).toEqual([]);
  });
});

describe('Windows adapter (pdf-to-printer; not runnable here)', () => {
  it('goes through the adapter and never runs lp', async () => {
    const printed: [string, string | null][] = [];
    const windows: WindowsPrinting = {
      async print(file, printer) { printed.push([file, printer]); },
      async list() { return [{ name: 'HP LaserJet de ventanilla', isDefault: true }]; },
    };
    const { exec, calls } = fakeExec({});
    const result = await printPdf(pdfFile, 'HP LaserJet de ventanilla', { platform: 'win32', execFile: exec, windows: async () => windows });
    expect(result).toEqual({ jobId: null, printer: 'HP LaserJet de ventanilla' });
    expect(printed).toEqual([[pdfFile, 'HP LaserJet de ventanilla']]);
    expect(await listPrinters({ platform: 'win32', windows: async () => windows })).toEqual([{ name: 'HP LaserJet de ventanilla', isDefault: true }]);
    expect(calls).toEqual([]);
  });
});
