// One required document in the checklist: what the rule asks, what was presented and how, the
// checks that apply, the clerk's verdict, the scans attached (chooser or drag-and-drop) and,
// after printing, the handwritten signature.
import AttachFileIcon from '@mui/icons-material/AttachFile';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import { Alert, Box, Button, Checkbox, Chip, FormControlLabel, Paper, TextField, Tooltip, Typography } from '@mui/material';
import { memo, useRef, useState, type DragEvent } from 'react';
import { catalogLabel, DOCUMENT_REJECTION_REASONS, DOCUMENT_STATUSES, PAPER_ORIGINS, PRESENTATIONS, SIGNATURE_KINDS, sheetReference, type DocumentStatusCode, type PaperOrigin } from '../../../../shared/domain';
import { ACCEPTED_FILES, formatSize } from '../files';
import type { ChecklistItem, RequestDetail } from '../useRequest';
import type { DocumentCheck } from './documentChecks';

type Attachment = RequestDetail['attachments'][number];

export interface DocumentChange {
  presented?: boolean;
  presentedAs?: string;
  confirmed?: Record<string, boolean>;
  status: ChecklistItem['status'];
}

/** Why a document was rejected (catalogued reason and note): at the counter and in virtual review. */
export function RejectionReason({ item }: { item: Pick<ChecklistItem, 'status' | 'rejectionReason' | 'note'> }) {
  if (item.status !== 'rechazado') return null;
  return (
    <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
      Motivo: {catalogLabel(DOCUMENT_REJECTION_REASONS, item.rejectionReason) ?? item.rejectionReason}
      {item.note ? ` — ${item.note}` : ''}
    </Typography>
  );
}

/** Read by screen readers, not shown (MUI's visuallyHidden, which lives in @mui/utils, not a dependency here). */
const visuallyHidden = { border: 0, clip: 'rect(0 0 0 0)', height: '1px', margin: '-1px', overflow: 'hidden', padding: 0, position: 'absolute', whiteSpace: 'nowrap', width: '1px' } as const;

export const rowId = (type: string, part: string) => `doc-${type}-${part}`;

interface Props {
  item: ChecklistItem;
  checks: DocumentCheck[];
  attachments: Attachment[];
  editable: boolean;
  /** Forms printed (pendiente_firma): signatures can be marked. */
  printed: boolean;
  onChange(type: ChecklistItem['documentType'], change: DocumentChange): void;
  onReject(type: ChecklistItem['documentType']): void;
  onSignature(type: ChecklistItem['documentType'], marked: boolean): void;
  onOrigin(type: ChecklistItem['documentType'], origin: PaperOrigin): void;
  onAttach(type: ChecklistItem['documentType'], files: File[]): Promise<string | null>;
  onView(attachment: Attachment, label: string): void;
}

/** Short enough for the row's select; the rule line above keeps the full wording. */
const SHORT_PRESENTATION: Record<string, string> = { original: 'Original', copia: 'Copia', copia_simple: 'Copia simple', entrega_en_ventanilla: 'Entregado en ventanilla' };

const STATUS_COLOR = { pendiente: 'default', verificado: 'success', rechazado: 'error' } as const satisfies Record<DocumentStatusCode, string>;
const STATUS = Object.fromEntries(DOCUMENT_STATUSES.map((s) => [s.code, { label: s.label, color: STATUS_COLOR[s.code] }])) as {
  [C in DocumentStatusCode]: { label: string; color: (typeof STATUS_COLOR)[C] };
};

/** What the signature box says: who signs, and when it can be marked. */
function signatureText(item: ChecklistItem, printed: boolean): { label: string; markable: boolean } {
  const who = item.signer === 'tercero_autorizado' ? 'Firmado por el tercero autorizado' : 'Firmado por el representante legal';
  if (item.origin === 'traido') return { label: who, markable: true };
  if (item.origin === null && item.origins.length > 0) return { label: `${who} (indique primero cómo llegó)`, markable: false };
  return printed ? { label: who, markable: true } : { label: `${who} (se marca después de imprimir)`, markable: false };
}

export const DocumentRow = memo(function DocumentRow({ item, checks, attachments, editable, printed, onChange, onReject, onSignature, onOrigin, onAttach, onView }: Props) {
  const [dragging, setDragging] = useState(false);
  const [attachError, setAttachError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const type = item.documentType;
  const presentedAs = item.presentedAs ?? item.presentation;
  const confirmed = Object.fromEntries(checks.filter((c) => c.ok === null).map((c) => [c.key, item.checks[c.key] === true]));
  const failing = checks.filter((c) => c.ok === false);
  const unconfirmed = checks.filter((c) => c.ok === null && !confirmed[c.key]);
  const canVerify = editable && item.presented && failing.length === 0 && unconfirmed.length === 0;
  const verifyHint = !item.presented ? 'Marque «Presentado».' : failing.length > 0 ? 'No se puede verificar: ' + failing.map((c) => c.label).join('; ') + '.' : unconfirmed.length > 0 ? 'Confirme las comprobaciones.' : '';

  // Any change after a verdict reopens the document: the verdict was about what was seen.
  const change = (c: Omit<DocumentChange, 'status'>) => onChange(type, { presented: item.presented, presentedAs, confirmed, ...c, status: 'pendiente' });

  const attach = async (files: File[]) => {
    if (files.length === 0) return;
    setUploading(true);
    setAttachError(null);
    const error = await onAttach(type, files);
    setUploading(false);
    setAttachError(error);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (editable) void attach(Array.from(e.dataTransfer.files));
  };

  const s = STATUS[item.status];
  const signatureLabel = catalogLabel(SIGNATURE_KINDS, item.signature);
  // The requirement in words, with the sheet's sentence on hover and as the row's description.
  const sheet = sheetReference(item.ruleId);
  const sheetId = rowId(type, 'sheet');
  return (
    <Paper
      variant="outlined"
      component="li"
      aria-label={item.label}
      aria-describedby={sheet ? sheetId : undefined}
      data-status={item.status}
      onDragOver={(e) => {
        if (!editable) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (!dragging) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      sx={{
        listStyle: 'none',
        p: 1.25,
        borderLeft: 4,
        borderLeftColor: item.status === 'verificado' ? 'success.main' : item.status === 'rechazado' ? 'error.main' : 'grey.400',
        outline: dragging ? '2px dashed' : 'none',
        outlineColor: 'primary.main',
        bgcolor: dragging ? 'action.hover' : 'background.paper',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700 }}>
          {item.label}
        </Typography>
        <Chip size="small" label={s.label} color={s.color} variant={item.status === 'pendiente' ? 'outlined' : 'filled'} />
        <Box sx={{ flex: 1 }} />
        <input ref={fileInput} type="file" hidden multiple accept={ACCEPTED_FILES} aria-hidden onChange={(e) => void attach(Array.from(e.target.files ?? [])).then(() => (e.target.value = ''))} />
        <Button id={rowId(type, 'attach')} size="small" startIcon={<AttachFileIcon />} disabled={!editable || uploading} onClick={() => fileInput.current?.click()} aria-label={`Adjuntar escaneo de ${item.label}`}>
          {uploading ? 'Adjuntando…' : 'Adjuntar'}
        </Button>
      </Box>
      <Typography variant="caption" color="textSecondary" component="p" sx={{ mb: 0.5 }}>
        Se exige: {catalogLabel(PRESENTATIONS, item.presentation)}
        {signatureLabel ? ` · ${signatureLabel}` : ''}
        {sheet && (
          <>
            {' · '}
            <Tooltip title={<span lang="es">{sheet.quote}</span>} describeChild>
              <Box component="span" sx={{ textDecoration: 'underline dotted', cursor: 'help' }}>
                {sheet.reference}
              </Box>
            </Tooltip>
            <Box component="span" id={sheetId} sx={visuallyHidden}>
              {`${sheet.reference}: «${sheet.quote}»`}
            </Box>
          </>
        )}
      </Typography>

      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: 1.5, rowGap: 0.5 }}>
        <FormControlLabel
          sx={{ m: 0 }}
          control={
            <Checkbox
              id={rowId(type, 'presented')}
              size="small"
              checked={item.presented}
              disabled={!editable}
              onChange={(e) => change({ presented: e.target.checked })}
              slotProps={{ input: { 'aria-label': `Presentado: ${item.label}` } }}
            />
          }
          label={<Typography variant="body2">Presentado</Typography>}
        />
        <TextField
          select
          id={rowId(type, 'as')}
          size="small"
          label="Presentación"
          value={presentedAs}
          disabled={!editable}
          onChange={(e) => change({ presentedAs: e.target.value })}
          sx={{ width: 200, '& select': { fontSize: 14, py: 0.75 } }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          {PRESENTATIONS.filter((p) => p.code !== 'escaneo').map((p) => (
            <option key={p.code} value={p.code}>
              {SHORT_PRESENTATION[p.code] ?? p.label}
            </option>
          ))}
        </TextField>
        {checks.map((c) =>
          c.ok === null ? (
            <FormControlLabel
              key={c.key}
              sx={{ m: 0 }}
              control={<Checkbox id={rowId(type, c.key)} size="small" checked={confirmed[c.key] === true} disabled={!editable} onChange={(e) => change({ confirmed: { ...confirmed, [c.key]: e.target.checked } })} />}
              label={<Typography variant="body2">{c.label}</Typography>}
            />
          ) : (
            <Chip
              key={c.key}
              size="small"
              variant="outlined"
              color={c.ok ? 'success' : 'error'}
              icon={c.ok ? <CheckCircleIcon /> : <ErrorIcon />}
              label={c.label}
            />
          ),
        )}
        {/* Chosen before printing; once printed here, the printed paper is the one signed. */}
        {item.origins.length > 1 && !printed && (
          <TextField
            select
            id={rowId(type, 'origin')}
            size="small"
            label="Papel firmado"
            value={item.origin ?? ''}
            disabled={!editable}
            onChange={(e) => onOrigin(type, e.target.value as PaperOrigin)}
            sx={{ width: 270, '& select': { fontSize: 14, py: 0.75 } }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-label': `Papel firmado: ${item.label}` } }}
          >
            <option value="">— Seleccione —</option>
            {PAPER_ORIGINS.filter((o) => item.origins.includes(o.code)).map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </TextField>
        )}
        {(item.origins.length === 1 || printed) && item.origin && (
          <Chip size="small" variant="outlined" label={catalogLabel(PAPER_ORIGINS, item.origin) ?? item.origin} />
        )}
        {item.signature === 'manuscrita' && (
          <FormControlLabel
            sx={{ m: 0 }}
            control={
              <Checkbox
                id={rowId(type, 'signed')}
                size="small"
                checked={item.signatureMarked}
                disabled={!editable || !signatureText(item, printed).markable}
                onChange={(e) => onSignature(type, e.target.checked)}
                slotProps={{ input: { 'aria-label': `${signatureText(item, printed).label}: ${item.label}` } }}
              />
            }
            label={<Typography variant="body2">{signatureText(item, printed).label}</Typography>}
          />
        )}
        <Box sx={{ flex: 1 }} />
        {item.status === 'pendiente' ? (
          <>
            <Button id={rowId(type, 'verify')} size="small" variant="contained" color="success" disabled={!canVerify} aria-label={`Verificado: ${item.label}`} onClick={() => onChange(type, { presented: true, presentedAs, confirmed, status: 'verificado' })}>
              Verificado
            </Button>
            <Button id={rowId(type, 'reject')} size="small" color="error" disabled={!editable} aria-label={`Rechazar… ${item.label}`} onClick={() => onReject(type)}>
              Rechazar…
            </Button>
          </>
        ) : (
          <Button id={rowId(type, 'undo')} size="small" disabled={!editable} aria-label={`Deshacer: ${item.label}`} onClick={() => onChange(type, { presented: item.presented, presentedAs, confirmed, status: 'pendiente' })}>
            Deshacer
          </Button>
        )}
      </Box>
      {item.status === 'pendiente' && verifyHint && editable && (
        <Typography variant="caption" color={failing.length > 0 ? 'error' : 'text.secondary'} sx={{ display: 'block', textAlign: 'right' }}>
          {verifyHint}
        </Typography>
      )}
      <RejectionReason item={item} />
      {(attachments.length > 0 || dragging) && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }} aria-label={`Adjuntos de ${item.label}`}>
          {dragging && <Typography variant="caption" color="primary">Suelte aquí el archivo (JPG, PNG o PDF)</Typography>}
          {attachments.map((a) => (
            <Chip key={a.id} size="small" icon={<AttachFileIcon />} label={`${a.fileName ?? 'escaneo'} · ${formatSize(a.size)}`} onClick={() => onView(a, `${item.label}: ${a.fileName ?? 'escaneo'}`)} />
          ))}
        </Box>
      )}
      {attachError && (
        <Alert severity="error" role="alert" onClose={() => setAttachError(null)} sx={{ mt: 0.5, py: 0 }}>
          {attachError}
        </Alert>
      )}
    </Paper>
  );
});
