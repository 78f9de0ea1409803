// The verification mark. The QR on every page carries
//
//   IESS-VP1|<request number>|<request id>|<form kind>|v<template version>|<digest>
//   e.g. IESS-VP1|CAU-UIO-2026-000123|0190a0b2-…|acuerdo|v1|3f9c0a1b2c3d4e5f
//
// where <digest> is the first 16 hex digits of SHA-256 over the canonical JSON (keys sorted, no
// spaces) of the form's view — every string the page prints (title, header, field labels and
// values, filled template paragraphs, signers) plus the kind and template version. A "verify
// paper" screen parses the QR, loads the request and that template version, and recomputes the
// digest: a match says the QR was printed from this record with this wording. It is a checksum,
// not a signature — anyone with the data can compute it; what makes a forged paper fail is that
// its number, id or content does not match the record.
import { createHash } from 'node:crypto';
import { PAPER_KINDS, type FormKind, type FormTemplate, type PaperKind, type PrintableRequest } from './types';
import { clean } from './format';
import { buildView, type FormView } from './view';

export const QR_PREFIX = 'IESS-VP1';
const DIGEST_HEX = 16;

export interface QrContent {
  number: string;
  id: string;
  kind: PaperKind;
  templateVersion: number;
  digest: string;
}

/** JSON with object keys sorted at every level, so the digest does not depend on build order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function viewDigest(view: FormView): string {
  return createHash('sha256').update(canonicalJson(view), 'utf8').digest('hex').slice(0, DIGEST_HEX);
}

export function formDigest(kind: FormKind, data: PrintableRequest, template: FormTemplate): string {
  return viewDigest(buildView(kind, data, template));
}

export function qrPayloadFor(view: FormView, id: string): string {
  for (const [what, value] of [['número de solicitud', view.number], ['identificador', id]] as const) {
    if (value.includes('|') || value.trim() === '') throw new Error(`El ${what} «${value}» no puede ir en el código QR.`);
  }
  return [QR_PREFIX, view.number, id, view.kind, `v${view.templateVersion}`, viewDigest(view)].join('|');
}

export function qrPayload(kind: FormKind, data: PrintableRequest, template: FormTemplate): string {
  return qrPayloadFor(buildView(kind, data, template), data.id);
}

/** The parts of a scanned QR, or null when it is not one of ours. */
export function parseQrPayload(payload: string): QrContent | null {
  const parts = payload.trim().split('|');
  if (parts.length !== 6 || parts[0] !== QR_PREFIX) return null;
  const [, number, id, kind, version, digest] = parts as [string, string, string, string, string, string];
  if (!(PAPER_KINDS as readonly string[]).includes(kind)) return null;
  if (!/^v[1-9]\d{0,5}$/.test(version) || !new RegExp(`^[0-9a-f]{${DIGEST_HEX}}$`).test(digest)) return null;
  if (number === '' || id === '') return null;
  return { number, id, kind: kind as PaperKind, templateVersion: Number(version.slice(1)), digest };
}

/** True when the scanned QR was printed from exactly this request data and template. */
export function verifyQrPayload(payload: string, data: PrintableRequest, template: FormTemplate): boolean {
  const qr = parseQrPayload(payload);
  if (!qr) return false;
  if (qr.number !== clean(data.number) || qr.id !== data.id) return false;
  if (qr.kind !== template.kind || qr.templateVersion !== template.version) return false;
  let expected: string;
  try {
    expected = formDigest(template.kind, data, template);
  } catch {
    return false; // an invalid template or record cannot vouch for a paper
  }
  return expected === qr.digest;
}
