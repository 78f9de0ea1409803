// PDF preview with pdf.js on canvases. The CSP forbids frames and objects (frame-src falls back
// to 'self', object-src 'none'), so the browser's own viewer cannot be embedded; pdf.js runs
// its worker from our own bundle (script-src 'self' covers it) and never evaluates code.
import { Alert, Box, CircularProgress } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { base64ToBytes } from '../files';

type PdfJs = typeof import('pdfjs-dist');
let pdfjs: Promise<PdfJs> | null = null;

/** Loaded on first use: pdf.js is large and most of the day nobody previews a PDF. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?worker')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerPort = new worker.default();
    return lib;
  });
  return pdfjs;
}

export function PdfCanvas({ base64, label, maxWidth = 820 }: { base64: string; label: string; maxWidth?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });

  useEffect(() => {
    let cancelled = false;
    const el = host.current;
    void (async () => {
      try {
        const lib = await loadPdfJs();
        const doc = await lib.getDocument({ data: base64ToBytes(base64), isEvalSupported: false }).promise;
        if (cancelled || !el) return;
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
        if (!cancelled) setState({ loading: false, error: 'No se pudo mostrar el PDF. Ábralo con «Imprimir desde el navegador».' });
      }
    })();
    return () => {
      cancelled = true;
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
