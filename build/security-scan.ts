// npx tsx build/security-scan.ts: Electronegativity (@doyensec/electronegativity) over the
// Electron code. Fails (exit 1) on any HIGH or MEDIUM finding not explained in
// build/electronegativity-accepted.json, and on any file the scanner could not parse (an
// unparsed file is an unscanned file). Runs in `npm test` through
// test/unit/ops/security-scan.test.ts.
//
// Electronegativity takes one folder; the global checks (navigation limits, permission
// handler, CSP) need the main process and the page together, so the scanned files are copied
// into one temporary folder: electron/ (main, preload, hosts, core), the renderer's
// index.html and sources, and package.json (Electron version, npm scripts).
// Offline: the Electron-releases check (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) downloads a
// list and is skipped; the scanner's attempt to fetch translations fails fast and is harmless.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ACCEPTED_FILE = path.join(ROOT, 'build', 'electronegativity-accepted.json');
export const SCANNED = ['electron', 'renderer/index.html', 'renderer/src', 'package.json'] as const;

export interface Finding {
  id: string;
  file: string;
  line: number;
  severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  confidence: string;
  description: string;
}

export interface Accepted {
  id: string;
  file: string;
  severity: string;
  reason: string;
}

export interface ScanReport {
  findings: Finding[];
  parseErrors: { file: string; message: string }[];
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: Finding['severity'] };
  confidence: { name: string };
  description: string;
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: RawIssue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

/** Scans `inputs` (relative to root) copied into one folder. */
export async function scan(root = ROOT, inputs: readonly string[] = SCANNED): Promise<ScanReport> {
  const require = createRequire(import.meta.url);
  const mod = require('@doyensec/electronegativity') as { default?: Runner } & Runner;
  const run: Runner = mod.default ?? mod;
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-electronegativity-'));
  try {
    for (const rel of inputs) fs.cpSync(path.join(root, rel), path.join(dir, rel), { recursive: true });
    // The scanner prints progress and a translation warning through console.log even when
    // used as a library: keep the test output clean.
    const log = console.log;
    console.log = () => {};
    let result: Awaited<ReturnType<Runner>>;
    try {
      result = await run(
        {
          input: dir,
          isRelative: true,
          electronVersionOverride: electronVersion,
          customScan: [],
          excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
          parserPlugins: [],
        },
        false,
      );
    } finally {
      console.log = log;
    }
    return {
      findings: result.issues.map((i) => ({
        id: i.id,
        file: i.file.split(path.sep).join('/'),
        line: i.location.line,
        severity: i.severity.name,
        confidence: i.confidence.name,
        description: i.description,
      })),
      parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => ({ file: path.relative(dir, e.file), message: e.message })),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function readAccepted(file = ACCEPTED_FILE): Accepted[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { accepted: Accepted[] }).accepted;
}

const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const key = (f: { id: string; file: string }) => `${f.id} ${f.file}`;

/** HIGH/MEDIUM findings with no explanation, and explanations no finding needs any more. */
export function judge(report: ScanReport, accepted: Accepted[]): { unexplained: Finding[]; stale: Accepted[] } {
  const acceptedKeys = new Set(accepted.map(key));
  const foundKeys = new Set(report.findings.map(key));
  return {
    unexplained: report.findings.filter((f) => BLOCKING.has(f.severity) && !acceptedKeys.has(key(f))),
    stale: accepted.filter((a) => !foundKeys.has(key(a))),
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const report = await scan();
  const { unexplained, stale } = judge(report, readAccepted());
  console.log(`Electronegativity: ${report.findings.length} hallazgos (${report.findings.filter((f) => BLOCKING.has(f.severity)).length} altos o medios).`);
  for (const f of report.findings) console.log(`  ${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line}`);
  for (const s of stale) console.log(`  Aviso: la excepción ${s.id} ${s.file} ya no corresponde a ningún hallazgo; quítela del archivo.`);
  for (const e of report.parseErrors) console.error(`  No se pudo analizar ${e.file}: ${e.message}`);
  for (const f of unexplained) console.error(`  SIN EXPLICAR: ${f.severity} ${f.id} ${f.file}:${f.line} — ${f.description}`);
  if (unexplained.length || report.parseErrors.length) {
    console.error(`Corrija los hallazgos o explíquelos en ${path.relative(process.cwd(), ACCEPTED_FILE)}.`);
    process.exit(1);
  }
  console.log('Sin hallazgos altos o medios sin explicar.');
}
