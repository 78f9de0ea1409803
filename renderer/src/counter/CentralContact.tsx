// What central holds of the affiliate's contact data, masked by central (seed 001, line 21: the
// data the portal uses until the update at the counter): the clerk and the affiliate see whether
// the registered e-mail is the lost one. Asked once the identification is complete; offline, said so.
import { Alert } from '@mui/material';
import { useEffect, useState } from 'react';
import { checkCedula } from '../../../shared/domain/cedula';
import type { ContactUpdateDraft } from '../../../shared/domain/contact-update';
import { call } from '../api/client';

type Held = { kind: 'idle' } | { kind: 'found'; email: string | null; mobile: string | null; landline: string | null } | { kind: 'none' } | { kind: 'offline' } | { kind: 'error'; text: string };

/** After the last keystroke of the identification, before asking central. */
const SETTLE_MS = 400;

export function CentralContact({ idType, idNumber }: Pick<ContactUpdateDraft, 'idType' | 'idNumber'>) {
  // The answer is kept with the identification it is about: another one typed hides it at once.
  const [answer, setAnswer] = useState<{ about: string; held: Held } | null>(null);
  const complete = idType === 'cedula' ? checkCedula(idNumber).ok : idType === 'codigo_extranjero' && (idNumber ?? '').trim().length >= 3;
  const about = complete && idType ? `${idType}:${(idNumber ?? '').trim()}` : null;
  useEffect(() => {
    if (!about || !idType) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void call('sync.lookupAffiliateContact', { idType, idNumber: idNumber ?? '' }).then((r) => {
        if (cancelled) return;
        const held: Held = r.ok
          ? r.value.found
            ? { kind: 'found', email: r.value.email, mobile: r.value.mobile, landline: r.value.landline }
            : { kind: 'none' }
          : r.error.code === 'unavailable'
            ? { kind: 'offline' }
            : { kind: 'error', text: r.error.message };
        setAnswer({ about, held });
      });
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [about, idType, idNumber]);

  const held: Held = answer && answer.about === about ? answer.held : { kind: 'idle' };
  if (held.kind === 'idle') return null;
  const text =
    held.kind === 'found'
      ? `Registrado en el IESS: correo ${held.email ?? '—'} · celular ${held.mobile ?? '—'}${held.landline ? ` · fijo ${held.landline}` : ''}.`
      : held.kind === 'none'
        ? 'El IESS no tiene datos de contacto registrados para esta identificación.'
        : held.kind === 'offline'
          ? 'Sin conexión con el IESS: no se puede mostrar lo registrado.'
          : held.text;
  return (
    <Alert severity={held.kind === 'found' || held.kind === 'none' ? 'info' : 'warning'} role="status" aria-label="Registrado en el IESS" sx={{ py: 0, mb: 1 }}>
      {text}
    </Alert>
  );
}
