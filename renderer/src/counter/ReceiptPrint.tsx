// The comprobante of a request whose signed papers all came signed: nothing was printed before
// review, and the applicant still leaves with the «Comprobante de recepción» (forms.printReceipt).
// First print, then reprints with a reason, each shown in the forms' dialog (printer or dialog).
import { Alert, Button } from '@mui/material';
import { useState } from 'react';
import { call } from '../api/client';
import { FormsDialog, type PrintedForm } from '../forms/FormsDialog';
import { ReprintDialog } from './checklist/dialogs';
import { focusSoon, useHotkeys } from './keyboard';
import type { RequestDetail } from './useRequest';

export function ReceiptPrint({ detail, onPrinted }: { detail: RequestDetail; onPrinted(): void }) {
  const printed = detail.history.some((h) => h.activity === 'comprobante_impreso' && h.outcome === 'ok');
  const [paper, setPaper] = useState<{ form: PrintedForm; reprint: boolean } | null>(null);
  const [reprinting, setReprinting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const print = async () => {
    if (busy) return;
    if (printed) return setReprinting(true);
    setBusy(true);
    const r = await call('forms.printReceipt', { id: detail.id });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setPaper({ form: r.value.form, reprint: false });
  };
  const reprint = async (reason: string): Promise<string | null> => {
    const r = await call('forms.printReceipt', { id: detail.id, reprintReason: reason });
    if (!r.ok) return r.error.message;
    setReprinting(false);
    setPaper({ form: r.value.form, reprint: true });
    return null;
  };
  useHotkeys({ alt: { KeyI: () => void print() } });

  return (
    <>
      <Button id="receipt-print" variant={printed ? 'outlined' : 'contained'} disabled={busy} onClick={() => void print()}>
        {printed ? 'Reimprimir comprobante… (Alt+I)' : 'Imprimir comprobante (Alt+I)'}
      </Button>
      {error && (
        <Alert severity="error" role="alert" onClose={() => setError(null)} sx={{ flex: '1 1 100%', order: 1, py: 0 }}>
          {error}
        </Alert>
      )}
      {reprinting && (
        <ReprintDialog
          title="Reimprimir el comprobante"
          intro="El comprobante de recepción ya se imprimió. Cada reimpresión queda registrada con su motivo."
          onClose={() => setReprinting(false)}
          onSubmit={reprint}
        />
      )}
      {paper && (
        <FormsDialog
          requestId={detail.id}
          number={detail.number}
          reprint={paper.reprint}
          heading={paper.reprint ? 'Comprobante reimpreso' : 'Comprobante impreso'}
          forms={[paper.form]}
          onClose={() => {
            setPaper(null);
            onPrinted();
            focusSoon('closed-back');
          }}
        />
      )}
    </>
  );
}
