// Preview of the three printed forms (or of one «Hoja de orientación»), then to paper: a system
// printer chosen here and driven by the core (CUPS / Windows spooler), or the platform's own print
// dialog on the pages.
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { call } from '../api/client';
import { useCall } from '../api/useCall';
import { downloadFile, printPdfs } from '../app/pdf';
import { PdfCanvas } from '../app/PdfCanvas';

const SHORT_TITLE: Record<string, string> = {
  solicitud: 'Solicitud de entrega de clave',
  acuerdo: 'Acuerdo de Responsabilidad',
  comprobante: 'Comprobante de recepción',
  orientacion: 'Hoja de orientación',
  constancia_contacto: 'Constancia de actualización de datos de contacto',
};

export type PrintedForm = CallOutput<'forms.print'>['forms'][number];
/** Any archived paper the dialog shows: a request's forms, or a guidance sheet. */
export type Paper = Pick<PrintedForm, 'title' | 'pdfBase64'> & { kind: PrintedForm['kind'] | 'orientacion' | 'constancia_contacto' | 'solicitud_extranjero' | 'comprobante_extranjero' };
type SendResult = { ok: true } | { ok: false; error: { message: string } };

/** A request's paper: it goes to the printer by its kind (forms.sendToPrinter). */
export type RequestPaper = Paper & { kind: Exclude<Paper['kind'], 'orientacion'> };

type Props = { number: string; reprint: boolean; onClose(): void; heading?: string } & (
  | { requestId: string; forms: RequestPaper[] }
  /** A paper without a request behind it brings its own way to the printer. */
  | { forms: Paper[]; send(paper: Paper, printer: string): Promise<SendResult> }
);

export function FormsDialog(props: Props) {
  const { number, reprint, onClose } = props;
  const forms: Paper[] = props.forms;
  const sendOne = (f: Paper, printer: string): Promise<SendResult> =>
    'requestId' in props ? call('forms.sendToPrinter', { id: props.requestId, kind: props.forms.find((p) => p === f)!.kind, printer }) : props.send(f, printer);
  const several = forms.length > 1;
  const [tab, setTab] = useState(0);
  const [printer, setPrinter] = useState<string | null>(null);
  const [message, setMessage] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(null);
  const printers = useCall('forms.printers', {}, { staleTime: 60_000 });
  const list = printers.data?.printers ?? [];
  const chosen = printer ?? list.find((p) => p.isDefault)?.name ?? list[0]?.name ?? '';
  const form = forms[tab] ?? forms[0];

  const send = async (which: Paper[]) => {
    setMessage({ severity: 'info', text: 'Enviando a la impresora…' });
    for (const f of which) {
      const r = await sendOne(f, chosen);
      if (!r.ok) return setMessage({ severity: 'error', text: `${f.title}: ${r.error.message}` });
    }
    setMessage({ severity: 'success', text: `${which.length === 1 ? which[0]!.title : 'Los tres formularios'}: enviado a «${chosen}».` });
  };

  const [preparing, setPreparing] = useState(false);
  const printWithDialog = async () => {
    setPreparing(true);
    setMessage({ severity: 'info', text: 'Preparando las páginas para el diálogo de impresión…' });
    try {
      await printPdfs(forms.map((f) => ({ base64: f.pdfBase64, title: f.title })));
      setMessage(null);
    } catch {
      setMessage({ severity: 'error', text: 'No se pudo preparar la impresión. Use «Enviar a la impresora» o guarde el PDF.' });
    } finally {
      setPreparing(false);
    }
  };
  const save = (f: Paper) => downloadFile(f.pdfBase64, 'application/pdf', `${number}-${f.kind}${reprint ? '-reimpresion' : ''}.pdf`);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="forms-dialog-title" slotProps={{ paper: { sx: { height: 'calc(100% - 48px)' } } }}>
      <DialogTitle id="forms-dialog-title" sx={{ pb: several ? 0 : undefined }}>
        {props.heading ?? `Formularios ${reprint ? 'reimpresos' : 'impresos'}`} · <Box component="span" sx={{ fontFamily: 'monospace' }}>{number}</Box>
      </DialogTitle>
      {several && (
        <Tabs value={tab} onChange={(_e, v: number) => setTab(v)} sx={{ px: 3 }} aria-label="Formularios">
          {forms.map((f) => (
            <Tab key={f.kind} label={SHORT_TITLE[f.kind]} title={f.title} sx={{ textTransform: 'none' }} />
          ))}
        </Tabs>
      )}
      <DialogContent dividers sx={{ p: 1 }}>{form && <PdfCanvas key={form.kind} base64={form.pdfBase64} label={form.title} />}</DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1, px: 3 }}>
        {message && (
          <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'} sx={{ py: 0, flex: '1 1 100%' }}>
            {message.text}
          </Alert>
        )}
        {printers.data && (!printers.data.available || list.length === 0) ? (
          <Typography variant="body2" color="textSecondary" sx={{ flex: 1 }}>
            No hay impresoras configuradas para envío directo: use «Imprimir con diálogo…».
          </Typography>
        ) : (
          <TextField
            select
            size="small"
            label="Impresora"
            value={chosen}
            onChange={(e) => setPrinter(e.target.value)}
            sx={{ minWidth: 260, flex: 1 }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            {list.length === 0 && <option value="">{printers.isLoading ? 'Buscando impresoras…' : printers.error ? 'No se pudo consultar' : 'Sin impresoras'}</option>}
            {list.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
                {p.isDefault ? ' (predeterminada)' : ''}
              </option>
            ))}
          </TextField>
        )}
        <Button variant="contained" disabled={!chosen || !form} onClick={() => form && void send([form])}>
          Enviar a la impresora
        </Button>
        {several && (
          <Button disabled={!chosen} onClick={() => void send(forms)}>
            Enviar los tres
          </Button>
        )}
        <Button disabled={preparing} onClick={() => void printWithDialog()} title={several ? 'Abre el diálogo de impresión con los tres formularios' : 'Abre el diálogo de impresión con la hoja'}>
          Imprimir con diálogo…
        </Button>
        <Button disabled={!form} onClick={() => form && save(form)}>
          Guardar PDF
        </Button>
        <Button onClick={onClose}>Cerrar (Esc)</Button>
      </DialogActions>
    </Dialog>
  );
}
