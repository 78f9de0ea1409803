// Tests' remote control of the stand-in central (its /admin endpoints), over real HTTP.
import type { FaultConfig } from './faults';

export interface CentralStats {
  keys: number;
  accepted: number;
  rejected: number;
  resent: number;
  requests: number;
  changes: number;
  faults: Record<string, number>;
}

/** A desk as /admin/devices shows it. */
export interface CentralDevice {
  id: string;
  name: string;
  station: string | null;
  status: 'activa' | 'reemplazada' | 'retrocedida' | 'bifurcada';
  replacedBy: string | null;
  signs: boolean;
  auditHead: { seq: number; hash: string; at: number } | null;
  incidents: { code: string; heldSeq: number; pushedSeq: number; message: string; times: number; resolvedAt: number | null }[];
}

export function centralAdmin(url: string) {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${json.error?.message ?? ''}`);
    return json;
  };
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${url}${path}`)).json()) as T;
  return {
    enrolmentCode: (agencyCode = 'UIO', replacesStation?: string) => post<{ code: string }>('/admin/enrolment-codes', { agencyCode, replacesStation }).then((r) => r.code),
    devices: (agencyCode = 'UIO') => get<{ items: CentralDevice[] }>(`/admin/devices?agencyCode=${agencyCode}`).then((r) => r.items),
    acceptAudit: (deviceId: string) => post<{ accepted: boolean }>('/admin/devices/accept-audit', { deviceId }),
    decide: (requestId: string, event: 'confirmar_envio' | 'rechazo_central' | 'emitir_clave' | 'asignar_codigo', extra: { note?: string; maskedEmail?: string; foreignerCode?: string } = {}) =>
      post<{ state: string }>('/admin/decisions', { requestId, event, ...extra }),
    virtual: (body: { agencyCode?: string; province?: string; intake: Record<string, string | boolean>; attachments: { documentType: string; fileName: string; dataBase64: string; mime?: string }[]; unchecked?: boolean }) =>
      post<{ requestId: string; number: string; routedTo: string }>('/admin/virtual', body),
    /** A virtual request routed by province: null when no agency declared it. */
    virtualByProvince: (body: { province: string; intake: Record<string, string | boolean>; attachments: { documentType: string; fileName: string; dataBase64: string; mime?: string }[] }) =>
      post<{ requestId: string | null; number: string | null; routedTo: string | null }>('/admin/virtual', body),
    routing: () => get<{ items: { agencyCode: string; attends: boolean; provinces: string[] }[] }>('/admin/virtual-routing').then((r) => r.items),
    foreigner: (passport: string, nationality: string, code: string) => post('/admin/foreigners', { passport, nationality, code }),
    /** What central holds for an affiliate after a contact update (null: nothing). */
    affiliateContact: (idType: string, idNumber: string) =>
      get<{ item: { names: string; email: string; mobile: string; landline: string | null; emailProof: string; requestNumber: string } | null }>(
        `/admin/affiliate-contact?idType=${encodeURIComponent(idType)}&idNumber=${encodeURIComponent(idNumber)}`,
      ).then((r) => r.item),
    /** Puts contact data in central's registry for an affiliate, as an earlier update would have. */
    holdAffiliateContact: (c: { idType: string; idNumber: string; names: string; email: string; mobile: string; landline: string | null }) => post('/admin/affiliate-contact', c),
    /** The e-mails the stand-in "sent" to an address (the proof codes). */
    mailbox: (email: string) => get<{ items: { subject: string; body: string; at: number }[] }>(`/admin/mailbox?email=${encodeURIComponent(email)}`).then((r) => r.items),
    expireEmailCodes: (email: string) => post<{ expired: number }>('/admin/email-expire', { email }),
    turnos: (agencyCode: string, date: string, items: unknown[]) => post('/admin/turnos', { agencyCode, date, items }),
    catalog: (agencyCode: string, name: string, version: number, entries: { code: string; label: string }[]) => post('/admin/catalogs', { agencyCode, name, version, entries }),
    rawChange: (agencyCode: string, body: Record<string, unknown>) => post('/admin/raw-change', { agencyCode, body }),
    bulkCatalog: (agencyCode: string, count: number) => post('/admin/bulk-catalog', { agencyCode, count }),
    options: (o: { autoConfirm?: boolean; foreignerCodeFormats?: Record<string, string>; affiliateContactAnswer?: unknown }) => post('/admin/options', o),
    /** What central registered from a foreigner's registration, and the code it assigned (null: nothing). */
    foreignerRegistration: (requestId: string) =>
      get<{ item: { passport: string; nationality: string; code: string | null; names: string } | null }>(`/admin/foreigner-registration?requestId=${encodeURIComponent(requestId)}`).then((r) => r.item),
    faults: (f: Partial<FaultConfig>) => post<FaultConfig>('/admin/faults', f),
    stats: () => get<CentralStats>('/admin/stats'),
    requests: (agencyCode = 'UIO') => get<{ items: { id: string; number: string; state: string; originDevice: string | null }[] }>(`/admin/requests?agencyCode=${agencyCode}`).then((r) => r.items),
  };
}
export type CentralAdmin = ReturnType<typeof centralAdmin>;
