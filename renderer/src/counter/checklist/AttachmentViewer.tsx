import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useCall } from '../../api/useCall';
import { PdfCanvas } from '../../app/PdfCanvas';

/** A scan as the core stored it (its SHA-256 re-checked on read): images inline, PDFs with pdf.js. */
export function AttachmentViewer({ id, title, onClose }: { id: string; title: string; onClose(): void }) {
  const file = useCall('attachments.get', { id });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="attachment-title">
      <DialogTitle id="attachment-title">{title}</DialogTitle>
      <DialogContent dividers sx={{ p: 1 }}>
        {file.isLoading && <CircularProgress aria-label="Cargando adjunto" sx={{ display: 'block', mx: 'auto', my: 4 }} />}
        {file.error && <Alert severity="error">{file.error.message}</Alert>}
        {file.data && file.data.mime === 'application/pdf' && <PdfCanvas base64={file.data.dataBase64} label={title} maxWidth={820} />}
        {file.data && file.data.mime !== 'application/pdf' && (
          <Box component="img" src={`data:${file.data.mime};base64,${file.data.dataBase64}`} alt={title} sx={{ display: 'block', maxWidth: '100%', mx: 'auto' }} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Cerrar (Esc)
        </Button>
      </DialogActions>
    </Dialog>
  );
}
