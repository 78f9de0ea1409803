// PDFs in the renderer: pdf.js loaded on first use, printing through the platform's own print
// dialog, and saving a file. One path for both hosts: Electron denies window.open (and so a
// blob: viewer window), and window.print() opens the system dialog in Electron and the
// browser's dialog in the browser host.
import { base64ToBlob, base64ToBytes } from '../counter/files';

type PdfJs = typeof import('pdfjs-dist');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
let pdfjs: Promise<{ lib: PdfJs; worker: InstanceType<PdfJs['PDFWorker']> }> | null = null;

/**
 * Opens a PDF with pdf.js, loaded on first use (it is large and most of the day nobody previews
 * a PDF). One worker for the whole session, owned here and handed to every document, so
 * destroying a document frees it without tearing the shared worker down.
 */
export async function openPdf(bytes: Uint8Array<ArrayBuffer>): Promise<PdfDocument> {
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?worker')]).then(([lib, worker]) => ({
    lib,
    worker: lib.PDFWorker.create({ port: new worker.default() }),
  }));
  const { lib, worker } = await pdfjs;
  return lib.getDocument({ data: bytes, isEvalSupported: false, worker }).promise;
}

/** 300 dpi: small type stays crisp on a laser printer and the QR code scans from paper. */
export const PRINT_DPI = 300;
const PRINT_ROOT_ID = 'print-root';

// Only the pages are printed; on screen the container is never shown. The paper is the PDF's
// own (A4 for the forms), so each image fills one sheet. Injected as a <style> element (the CSP
// allows inline styles, not scripts).
const printCss = (paper: { width: number; height: number }) => `
#${PRINT_ROOT_ID} { display: none; }
@media print {
  @page { size: ${paper.width / 72}in ${paper.height / 72}in; margin: 0; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  body > *:not(#${PRINT_ROOT_ID}) { display: none !important; }
  #${PRINT_ROOT_ID} { display: block; }
  #${PRINT_ROOT_ID} img { display: block; break-after: page; page-break-after: always; }
  #${PRINT_ROOT_ID} img:last-child { break-after: auto; page-break-after: auto; }
}`;

function setPrintStyle(paper: { width: number; height: number }): void {
  const id = `${PRINT_ROOT_ID}-style`;
  const style = document.getElementById(id) ?? document.head.appendChild(Object.assign(document.createElement('style'), { id }));
  style.textContent = printCss(paper);
}

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))), 'image/png'));
}

/** Removes the pages of an earlier print (and frees their images). */
export function clearPrintPages(): void {
  const root = document.getElementById(PRINT_ROOT_ID);
  if (!root) return;
  for (const img of Array.from(root.querySelectorAll('img'))) URL.revokeObjectURL(img.src);
  root.remove();
}

/**
 * Rasterizes every page of the given PDFs at PRINT_DPI, each at its paper size, and opens the
 * print dialog on them alone. Resolves when the dialog has been handed the pages.
 */
export async function printPdfs(docs: { base64: string; title: string }[]): Promise<void> {
  clearPrintPages();
  let firstPaper: { width: number; height: number } | null = null;
  const root = document.createElement('div');
  root.id = PRINT_ROOT_ID;
  root.setAttribute('aria-hidden', 'true');
  for (const { base64, title } of docs) {
    const doc = await openPdf(base64ToBytes(base64));
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const paper = page.getViewport({ scale: 1 }); // PDF points, 72 per inch
        firstPaper ??= { width: paper.width, height: paper.height };
        const viewport = page.getViewport({ scale: PRINT_DPI / 72 });
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(viewport.width);
        canvas.height = Math.round(viewport.height);
        await page.render({ canvas, viewport }).promise;
        const img = new Image();
        img.src = URL.createObjectURL(await canvasToBlob(canvas));
        canvas.width = 0; // let the large bitmap go now
        img.alt = `${title}, página ${n} de ${doc.numPages}`;
        img.style.width = `${paper.width / 72}in`;
        img.style.height = `${paper.height / 72}in`;
        await img.decode();
        root.appendChild(img);
      }
    } finally {
      await doc.destroy();
    }
  }
  setPrintStyle(firstPaper ?? { width: 595.28, height: 841.89 });
  document.body.appendChild(root);
  window.addEventListener('afterprint', clearPrintPages, { once: true });
  window.print();
}

/** Saves bytes as a file through the platform's download (a save dialog in Electron). */
export function downloadFile(base64: string, mime: string, name: string): void {
  const url = URL.createObjectURL(base64ToBlob(base64, mime));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
