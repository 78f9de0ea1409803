// The DEMO certification authority of the demo agency (db/seed/cli.ts, the tests' desks): its
// root certificate is installed as the agency's trust anchor, so the demo's Ventanilla Virtual
// scans, signed with it, verify as they would with a real accredited CA. Its keys live in the
// demo's data directory (anclas/demo-pki.json, owner-only) so every process working on that
// demo — the seed, the tests, an e2e run — signs under the same root. Demo only: every name
// says DEMO, and a real agency installs its CAs' files instead (docs/signatures.md).
import fs from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { toPem, type Issued } from './ca';
import { assemblePki, createPki, type Pki } from './pki';

export const DEMO_ANCHOR_FILE = 'anclas/demo-raiz.pem';
const DEMO_PKI_FILE = 'anclas/demo-pki.json';

interface SavedIssued {
  der: string;
  privateKey: string;
  publicKey: string;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

async function save(i: Issued): Promise<SavedIssued> {
  const privateKey = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', i.keys.privateKey)).toString('base64');
  const publicKey = Buffer.from(await webcrypto.subtle.exportKey('spki', i.keys.publicKey)).toString('base64');
  return { der: i.der.toString('base64'), privateKey, publicKey };
}

async function restore(s: SavedIssued): Promise<Issued> {
  const der = Buffer.from(s.der, 'base64');
  const privateKey = await webcrypto.subtle.importKey('pkcs8', Buffer.from(s.privateKey, 'base64'), RSA, true, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', Buffer.from(s.publicKey, 'base64'), RSA, true, ['verify']);
  return { cert: pkijs.Certificate.fromBER(der), der, pem: toPem(der), keys: { privateKey, publicKey } };
}

const loaded = new Map<string, Promise<Pki>>();
/** Keys are the slow part: one DEMO PKI per process, written into each new demo data directory. */
let generated: Promise<Pki> | null = null;

/** The demo PKI of a data directory: read from it, or created and written into it (with the anchor). */
export function demoPki(dataDir: string): Promise<Pki> {
  const key = path.resolve(dataDir);
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      const file = path.join(dataDir, DEMO_PKI_FILE);
      if (fs.existsSync(file)) {
        const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { root: SavedIssued; intermediate: SavedIssued; tsa: SavedIssued; serial: number };
        const [root, intermediate, tsa] = await Promise.all([restore(saved.root), restore(saved.intermediate), restore(saved.tsa)]);
        // Later processes number their certificates apart from the seed's.
        return assemblePki('DEMO', root, intermediate, tsa, saved.serial + 1000 * (1 + Math.floor(Math.random() * 1_000_000)));
      }
      generated ??= createPki('DEMO', { from: new Date('2024-01-01T00:00:00Z'), years: 12, serialBase: 100 });
      const pki = await generated;
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const saved = { root: await save(pki.root), intermediate: await save(pki.intermediate), tsa: await save(pki.tsa), serial: 1000 };
      fs.writeFileSync(file, JSON.stringify(saved), { mode: 0o600 });
      fs.writeFileSync(path.join(dataDir, DEMO_ANCHOR_FILE), pki.root.pem, { mode: 0o600 });
      return pki;
    })();
    loaded.set(key, p);
  }
  return p;
}

/** People of the demo get certificates valid 2025–2030: current for any demo or test clock. */
export const DEMO_CERT_VALIDITY = { validFrom: new Date('2025-01-01T00:00:00Z'), validTo: new Date('2030-12-31T00:00:00Z') };
