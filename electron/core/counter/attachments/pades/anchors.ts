// The agency's trust anchors: certificate files (PEM or DER) of the accredited CAs that IT
// installs and names in agencia.json (`firmas.anclas`, docs/signatures.md). Nothing is bundled:
// with no anchors every signature is «Emisor no reconocido».
import fs from 'node:fs';
import path from 'node:path';
import type * as pkijs from 'pkijs';
import { parseCertificate, subjectName } from './certificates';

export interface TrustAnchors {
  certificates: pkijs.Certificate[];
  /** Spanish problems with files that could not be used (shown to the administrator). */
  problems: string[];
  /** Subject names of the anchors, for the screens. */
  names: string[];
}

const MAX_FILE = 1_048_576;

/** The DER certificates of a file: every PEM block, else the whole file as DER. */
export function certificatesInFile(data: Buffer): Uint8Array[] {
  const text = data.toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g)];
  if (blocks.length > 0) return blocks.slice(0, 64).map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  return [data];
}

const cache = new Map<string, { key: string; anchors: TrustAnchors }>();

/** Reads the named files; relative names are taken inside the data directory. Cached by size and mtime. */
export function loadTrustAnchors(files: readonly string[], dataDir: string): TrustAnchors {
  const resolved = files.map((f) => (path.isAbsolute(f) ? f : path.join(dataDir, f)));
  const stamp = resolved
    .map((f) => {
      try {
        const st = fs.statSync(f);
        return `${f}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${f}:ausente`;
      }
    })
    .join('|');
  const cacheKey = `${dataDir}\u0000${resolved.join('\u0000')}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.key === stamp) return hit.anchors;
  const anchors: TrustAnchors = { certificates: [], problems: [], names: [] };
  files.forEach((name, i) => {
    const file = resolved[i]!;
    let data: Buffer;
    try {
      if (fs.statSync(file).size > MAX_FILE) {
        anchors.problems.push(`Ancla de confianza «${name}»: el archivo es demasiado grande para ser un certificado.`);
        return;
      }
      data = fs.readFileSync(file);
    } catch {
      anchors.problems.push(`Ancla de confianza «${name}»: no se encontró o no se pudo leer el archivo.`);
      return;
    }
    const certs = certificatesInFile(data).map(parseCertificate);
    if (certs.length === 0 || certs.some((c) => c === null)) {
      anchors.problems.push(`Ancla de confianza «${name}»: no es un certificado X.509 en formato PEM o DER.`);
      return;
    }
    for (const c of certs as pkijs.Certificate[]) {
      anchors.certificates.push(c);
      anchors.names.push(subjectName(c));
    }
  });
  cache.set(cacheKey, { key: stamp, anchors });
  return anchors;
}
