// PDF preview with pdf.js on canvases. The CSP forbids frames and objects (frame-src falls back
// to 'self', object-src 'none'), so the browser's own viewer cannot be embedded; pdf.js runs
// its worker from our own bundle (script-src 'self' covers it) and never evaluates code.
import { Alert, Box, CircularProgress } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { openPdf } from './pdf';
import { base64ToBytes } from '../counter/files';

export function PdfCanvas({ base64, label, maxWidth = 820 }: { base64: string; label: string; maxWidth?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });

  useEffect(() => {
    let cancelled = false;
    let doc: Awaited<ReturnType<typeof openPdf>> | null = null;
    const el = host.current;
    void (async () => {
      try {
        const opened = await openPdf(base64ToBytes(base64));
        if (cancelled || !el) return void opened.destroy();
        doc = opened;
        el.replaceChildren();
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          if (cancelled) return;
          const base = page.getViewport({ scale: 1 });
          const scale = Math.min(maxWidth / base.width, 2);
          const ratio = window.devicePixelRatio || 1;
          const viewport = page.getViewport({ scale: scale * ratio });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.style.width = `${viewport.width / ratio}px`;
          canvas.style.height = `${viewport.height / ratio}px`;
          canvas.style.display = 'block';
          canvas.style.margin = '0 auto 12px';
          canvas.style.boxShadow = '0 1px 4px rgba(0,0,0,.25)';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `${label}, página ${n} de ${doc.numPages}`);
          el.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
          // The first page is what the clerk looks at: stop the spinner as soon as it is there.
          if (n === 1 && !cancelled) setState({ loading: false, error: null });
        }
        if (!cancelled) setState({ loading: false, error: null });
      } catch {
        if (!cancelled) setState({ loading: false, error: 'No se pudo mostrar el PDF. Puede imprimirlo o guardarlo con los botones de abajo.' });
      }
    })();
    return () => {
      cancelled = true;
      // Frees the document in the shared worker once its pages stop rendering.
      void doc?.destroy();
    };
  }, [base64, label, maxWidth]);

  return (
    <Box sx={{ bgcolor: 'grey.200', p: 1.5, borderRadius: 1, minHeight: 200 }}>
      {state.loading && <CircularProgress size={24} aria-label="Cargando PDF" sx={{ display: 'block', mx: 'auto', my: 4 }} />}
      {state.error && <Alert severity="error">{state.error}</Alert>}
      <div ref={host} />
    </Box>
  );
}
