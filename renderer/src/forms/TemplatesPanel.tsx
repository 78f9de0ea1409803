// "Plantillas de los formularios" (administrators, in Operación): the versions of the wording of
// each printed form, and importing a new version from a JSON file — checked by the core and
// shown on a sample request before it is published. Forms already printed keep their version.
import DownloadIcon from '@mui/icons-material/Download';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Accordion, AccordionDetails, AccordionSummary, Alert, AlertTitle, Box, Button, Chip, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useState, type ChangeEvent } from 'react';
import type { CallInput, CallOutput, FieldIssue } from '../../../shared/contract';
import { parseJsonText, type TemplateVersion } from '../../../shared/contract/forms';
import { call } from '../api/client';
import { useCall, useInvalidate } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { PdfCanvas } from '../app/PdfCanvas';

type Checked = CallOutput<'forms.checkTemplate'>;
type Kind = Checked['kind'];
type Message = { severity: 'success' | 'error'; text: string; issues?: FieldIssue[] } | null;

/** A template file is a few KB; anything this large is the wrong file. */
const MAX_FILE_BYTES = 512 * 1024;

function downloadJson(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function TemplatesPanel() {
  const list = useCall('forms.templates', {});
  const invalidate = useInvalidate();
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState<{ file: string; data: CallInput<'forms.publishTemplate'>; checked: Checked } | null>(null);
  const [busy, setBusy] = useState(false);

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file can be chosen again after fixing it
    if (!file) return;
    setPending(null);
    if (file.size > MAX_FILE_BYTES) return setMessage({ severity: 'error', text: `${file.name}: el archivo es demasiado grande para ser una plantilla (máximo 512 KB); no se cambió nada.` });
    const parsed = parseJsonText(await file.text());
    if (!parsed.ok) return setMessage({ severity: 'error', text: `${file.name}: ${parsed.message} No se cambió nada.` });
    setBusy(true);
    // The core judges the content; the screen only carries the file's JSON to it.
    const data = parsed.value as CallInput<'forms.publishTemplate'>;
    const r = await call('forms.checkTemplate', data);
    setBusy(false);
    if (!r.ok) return setMessage({ severity: 'error', text: `${file.name}: ${r.error.message}`, issues: r.error.fields });
    setMessage(null);
    setPending({ file: file.name, data, checked: r.value });
  }

  async function publish() {
    if (!pending) return;
    setBusy(true);
    const r = await call('forms.publishTemplate', pending.data);
    setBusy(false);
    if (!r.ok) {
      setPending(null);
      return setMessage({ severity: 'error', text: r.error.message, issues: r.error.fields });
    }
    setPending(null);
    setMessage({
      severity: 'success',
      text: `Versión ${r.value.version} de «${r.value.label}» publicada: los formularios que se impriman desde ahora la usan. Los ya impresos conservan la suya y se reimprimen idénticos.`,
    });
    await invalidate('forms.templates');
  }

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-label="Plantillas de los formularios">
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Plantillas de los formularios
        </Typography>
        <Typography variant="body2" color="textSecondary">
          La redacción de cada formulario impreso tiene versiones. Se imprime siempre la más nueva; cada solicitud guarda la versión con la que se imprimió, así que
          una nueva versión no cambia lo ya impreso (las reimpresiones y la verificación del código QR usan la versión original). Para cambiar un texto: descargue la
          versión en uso, edítela y vuelva a importarla.
        </Typography>
        {list.error && <Alert severity="error">{list.error.message}</Alert>}
        <Box>
          {list.data?.templates.map((t) => (
            <Accordion key={t.kind} disableGutters variant="outlined" slotProps={{ transition: { unmountOnExit: true } }}>
              <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`plantilla-${t.kind}`} id={`plantilla-${t.kind}-titulo`}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography sx={{ fontWeight: 600 }}>{t.label}</Typography>
                  <Chip size="small" color="primary" label={`En uso: v${t.current}`} />
                  <Typography variant="body2" color="textSecondary">
                    {plural(t.versions.length, 'versión', 'versiones')} · {publishedBy(t.versions[0]!)}
                  </Typography>
                </Stack>
              </AccordionSummary>
              <AccordionDetails id={`plantilla-${t.kind}`}>
                {t.versions.map((v) => (
                  <VersionText key={v.version} kind={t.kind} version={v} current={v.version === t.current} />
                ))}
              </AccordionDetails>
            </Accordion>
          ))}
        </Box>
        <Box>
          <Button component="label" variant="outlined" startIcon={<UploadFileIcon />} disabled={busy}>
            Importar nueva versión (JSON)…
            <input type="file" hidden accept=".json,application/json" aria-label="Archivo JSON de la plantilla" onChange={(e) => void importFile(e)} />
          </Button>
          <Typography variant="caption" color="textSecondary" component="p" sx={{ mt: 0.5 }}>
            {'Formato: {"kind": "acuerdo", "version": 2, "title": "…", "paragraphs": ["…", "…"]}. Marcadores como {{employer.legalName}}; párrafos condicionales que empiezan con [tercero], [sin-tercero] o [artesano]; **negrita** solo al inicio de un párrafo.'}
          </Typography>
        </Box>
        {message && (
          <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'}>
            {message.text}
            {message.issues && message.issues.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }} aria-label="Problemas del archivo">
                {message.issues.map((i, n) => (
                  <li key={n}>{i.message}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {pending && <PendingVersion pending={pending} busy={busy} onPublish={() => void publish()} onDiscard={() => setPending(null)} />}
      </Stack>
    </Paper>
  );
}

function publishedBy(v: TemplateVersion): string {
  return v.createdAt === null ? 'incluida con la aplicación' : `publicada el ${formatDateTimeEs(v.createdAt)}${v.createdBy ? ` por ${v.createdBy}` : ''}`;
}

function VersionText({ kind, version, current }: { kind: Kind; version: TemplateVersion; current: boolean }) {
  return (
    <Box component="article" aria-label={`Versión ${version.version}`} sx={{ mb: 2, pb: 1, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography variant="subtitle2" component="h3">
          Versión {version.version}
          {current ? ' (en uso)' : ''} · {version.title}
        </Typography>
        <Typography variant="caption" color="textSecondary" sx={{ flex: 1 }}>
          {publishedBy(version)}
        </Typography>
        {current && (
          <Button
            size="small"
            startIcon={<DownloadIcon />}
            onClick={() => downloadJson(`${kind}-v${version.version + 1}.json`, { kind, version: version.version + 1, title: version.title, paragraphs: version.paragraphs })}
            title={`Descarga este texto como base de la versión ${version.version + 1}`}
          >
            Descargar para editar
          </Button>
        )}
      </Stack>
      <Box component="ol" sx={{ m: 0, pl: 3, fontSize: 13, color: 'text.secondary' }}>
        {version.paragraphs.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </Box>
    </Box>
  );
}

function PendingVersion({ pending, busy, onPublish, onDiscard }: { pending: { file: string; checked: Checked }; busy: boolean; onPublish(): void; onDiscard(): void }) {
  const { checked } = pending;
  const [tab, setTab] = useState(0);
  const preview = checked.previews[tab] ?? checked.previews[0];
  const changes = [
    checked.changes.title ? 'título cambiado' : 'mismo título',
    plural(checked.changes.added, 'párrafo nuevo o modificado', 'párrafos nuevos o modificados'),
    plural(checked.changes.removed, 'párrafo quitado', 'párrafos quitados'),
  ].join(' · ');
  return (
    <Paper variant="outlined" sx={{ p: 2, bgcolor: 'grey.50' }} component="section" aria-label="Nueva versión por publicar">
      <Alert severity="info" role="status" sx={{ mb: 1.5 }}>
        <AlertTitle>
          {pending.file}: versión {checked.version} de «{checked.label}», sin errores
        </AlertTitle>
        Reemplazará a la versión {checked.currentVersion} en las próximas impresiones: {changes}. Revise la muestra (una solicitud ficticia, número «MUESTRA») y
        publique.
      </Alert>
      <Tabs value={tab} onChange={(_e, v: number) => setTab(v)} aria-label="Muestras">
        {checked.previews.map((p) => (
          <Tab key={p.label} label={p.label} sx={{ textTransform: 'none' }} />
        ))}
      </Tabs>
      {preview && <PdfCanvas key={`${checked.version}-${tab}`} base64={preview.pdfBase64} label={`Muestra de ${checked.label}, versión ${checked.version}`} maxWidth={640} />}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
        <Button variant="contained" onClick={onPublish} disabled={busy}>
          Publicar versión {checked.version}
        </Button>
        <Button onClick={onDiscard} disabled={busy}>
          Descartar
        </Button>
      </Stack>
    </Paper>
  );
}
