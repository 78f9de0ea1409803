// A complete demo or test PKI in one call: root, intermediate (the accredited CA's issuing CA),
// a timestamp authority, and people's signing certificates on demand. Keys are generated once
// (RSA generation is the slow part) and end-entity certificates share one key pair, which the
// verifier never looks at: it judges certificates, names and signatures.
import { issue, issueCrl, newKeys, type Issued } from './ca';

export interface Person {
  name: string;
  cedula: string;
  validFrom: Date;
  validTo: Date;
  /** Carry the cédula in an Ecuadorian CA identity extension instead of the subject's serialNumber. */
  identityExtensionOid?: string;
}

export interface Pki {
  label: string;
  root: Issued;
  intermediate: Issued;
  tsa: Issued;
  person(p: Person): Promise<Issued>;
  /** CRLs proving the path is not revoked at `at` (root's for the intermediate, intermediate's for people), listing `revoked`. */
  crls(at: Date, revoked?: { serial: number; at: Date }[]): Promise<Buffer[]>;
}

const YEAR = 365 * 86_400_000;

export async function createPki(label: string, opts: { from: Date; years: number; serialBase: number }): Promise<Pki> {
  const [rootKeys, intermediateKeys, endKeys] = await Promise.all([newKeys(), newKeys(), newKeys()]);
  const to = new Date(opts.from.getTime() + opts.years * YEAR);
  let serial = opts.serialBase;
  const root = await issue({ subject: { cn: `${label} Autoridad de Certificación Raíz`, o: `${label} Entidad de Certificación` }, keys: rootKeys, serial: serial++, notBefore: opts.from, notAfter: to, usage: 'ca' });
  const intermediate = await issue({
    subject: { cn: `${label} Autoridad de Certificación Subordinada`, o: `${label} Entidad de Certificación` },
    issuer: root,
    keys: intermediateKeys,
    serial: serial++,
    notBefore: opts.from,
    notAfter: to,
    usage: 'ca',
  });
  const tsa = await issue({ subject: { cn: `${label} Sellado de Tiempo`, o: `${label} Entidad de Certificación` }, issuer: intermediate, keys: endKeys, serial: serial++, notBefore: opts.from, notAfter: to, usage: 'tsa' });
  return assemblePki(label, root, intermediate, tsa, serial);
}

/** The PKI object around existing certificates and keys (see demo.ts, which keeps them on disk). */
export function assemblePki(label: string, root: Issued, intermediate: Issued, tsa: Issued, firstSerial: number): Pki {
  let serial = firstSerial;
  const endKeys = tsa.keys;
  return {
    label,
    root,
    intermediate,
    tsa,
    person: (p) =>
      issue({
        subject: { cn: p.name.toUpperCase(), ...(p.identityExtensionOid ? {} : { serialNumber: p.cedula }), o: `${label} Persona Natural` },
        issuer: intermediate,
        keys: endKeys,
        serial: serial++,
        notBefore: p.validFrom,
        notAfter: p.validTo,
        usage: 'firma',
        ...(p.identityExtensionOid ? { identityExtension: { oid: p.identityExtensionOid, value: p.cedula } } : {}),
      }),
    crls: async (at, revoked = []) => {
      const thisUpdate = new Date(at.getTime() - 3_600_000);
      const nextUpdate = new Date(at.getTime() + 7 * 86_400_000);
      return Promise.all([issueCrl(root, [], thisUpdate, nextUpdate), issueCrl(intermediate, revoked, thisUpdate, nextUpdate)]);
    },
  };
}

export type { Issued };
