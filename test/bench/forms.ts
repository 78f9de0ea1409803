// Printed forms: producing the three PDFs of a request is on the clerk's critical path (they print
// while the applicant waits), so it must be instant; and it is compared with the usual Electron
// way — HTML rendered by Chromium and printed to PDF — to show what pdfkit buys.
import { chromium, type Browser } from '@playwright/test';
import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';
import { demoRequest, DEMO_PRINTED_AT } from '../../electron/core/forms/demo';
import { qrPayload } from '../../electron/core/forms/digest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { archivePdf } from '../../electron/core/forms/archive';
import { renderAll } from '../../electron/core/forms/render';
import { DEFAULT_TEMPLATES } from '../../electron/core/forms/templates';
import { FORM_KINDS, type FormKind, type PrintableRequest } from '../../electron/core/forms/types';
import { buildView, type Block, type FormView } from '../../electron/core/forms/view';
import { percentile, type MetricFactory } from './harness';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'section':
      return `<h2>${esc(block.title)}</h2>`;
    case 'fields':
      return `<div class="grid">${block.fields.map((f) => `<div class="cell${f.wide ? ' wide' : ''}"><small>${esc(f.label)}</small><b>${esc(f.value)}</b></div>`).join('')}</div>`;
    case 'paragraphs':
      return block.paragraphs.map((p) => `<p>${p.lead ? `<b>${esc(p.lead)}</b> ` : ''}${esc(p.text)}</p>`).join('');
    case 'table':
      return `<table><tr>${block.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>${block.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
    case 'void':
      return `<div class="void"><span>${esc(block.text)}</span></div>`;
    case 'signatures':
      return `<div class="signs">${block.signers.map((s) => `<div class="sign"><b>${esc(s.name)}</b>${s.document ? `<br>${esc(s.document)}` : ''}<br><small>${esc(s.role)}</small></div>`).join('')}</div>`;
  }
}

/** The same view as the pdfkit renderer, as a web page an Electron app would print. */
async function formHtml(view: FormView, qrText: string): Promise<string> {
  const qr = await QRCode.toString(qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  const barcode = bwipjs.toSVG({ bcid: 'code128', text: view.number, height: 12, includetext: true });
  return `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2cm 2cm 3.2cm 2cm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.2pt; color: #000; }
header { display: flex; justify-content: space-between; } header .box { border: 1px solid #000; padding: 4px 8px; }
h1 { font-size: 14pt; text-align: center; border-bottom: 1.5px solid #000; padding-bottom: 4px; }
h2 { font-size: 9.5pt; background: #e3e3e3; padding: 2px 5px; margin: 8px 0 0; }
.grid { display: grid; grid-template-columns: 1fr 1fr; } .cell { border: 0.5px solid #8c8c8c; padding: 3px; }
.cell.wide { grid-column: span 2; } .cell small { display: block; font-size: 7pt; color: #4d4d4d; }
p { text-align: justify; margin: 4px 0; } table { width: 100%; border-collapse: collapse; } td, th { border: 0.5px solid #8c8c8c; padding: 3px; text-align: left; }
.void { border: 1px solid #000; height: 46px; display: flex; align-items: center; justify-content: center; font-weight: bold; }
.signs { display: flex; justify-content: space-around; margin-top: 40px; text-align: center; } .sign { border-top: 1px solid #000; width: 200px; }
footer { position: fixed; bottom: -2.6cm; left: 0; right: 0; display: flex; justify-content: space-between; align-items: center; border-top: 0.5px solid #8c8c8c; }
footer .qr svg { width: 62pt; height: 62pt; } footer .bar svg { width: 180pt; height: 44pt; }
</style></head><body>
<header><div><b>INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL</b><br><small>Centro de Atención Universal · Ventanilla Patronal</small><br>Agencia: ${esc(view.agency)}<br>Fecha: ${esc(view.date)}</div>
<div class="box"><small>SOLICITUD N.º</small><br><b>${esc(view.number)}</b><br><small>Plantilla v${view.templateVersion}</small></div></header>
<h1>${esc(view.title)}</h1>
${view.blocks.map(blockHtml).join('\n')}
<footer><div class="bar">${barcode}</div><div><b>Verifique este documento con el código QR</b><br><small>Solicitud N.º ${esc(view.number)}</small></div><div class="qr">${qr}</div></footer>
</body></html>`;
}

const SURNAMES = ['Zambrano', 'Cevallos', 'Quishpe', 'Guamán', 'Andrade', 'Villacís', 'Chávez', 'Ñauta', 'Loor', 'Mendoza', 'Íñiguez', 'Tapia'];
const GIVEN = ['Begoña', 'José', 'María', 'Andrés', 'Lucía', 'Íñigo', 'Rocío'];
const COMPANY = ['Cía. Ltda.', 'S.A.', 'S.A.S.', 'C.A.', 'y Asociados'];

/**
 * The demo request as the i-th applicant of the day (no two alike within 60): another number,
 * id, company and people. The renderer keeps what it measured of the templates' words between
 * prints, as the app does; printing the very same request over and over would also hand it every
 * name and every line for free.
 */
function nthRequest(i: number): PrintableRequest {
  const data = demoRequest(true);
  const n = 200 + i;
  const surname = (k: number) => SURNAMES[(i + k) % SURNAMES.length]!;
  const given = (k: number) => GIVEN[(i + k) % GIVEN.length]!;
  data.number = `CAU-UIO-2026-${String(n).padStart(6, '0')}`;
  data.id = `0195f3a2-7c1e-7d3f-8a9b-${n.toString(16).padStart(12, '0')}`;
  data.employer.legalName = `Comercial ${surname(7)} ${COMPANY[i % COMPANY.length]!}`;
  data.representative.names = `${surname(0)} ${surname(5)} ${given(0)}`;
  data.thirdParty = { names: `${surname(3)} ${surname(8)} ${given(3)}`, cedula: '0602910945' };
  return data;
}

export const formsMetrics: MetricFactory = ({ smoke, workDir }) => {
  const data: PrintableRequest = demoRequest(true);
  const opts = { printedAt: DEMO_PRINTED_AT };
  let pdfkitMedian: number | null = null;

  async function measurePdfkit(): Promise<{ median: number; p95: number; bytes: number }> {
    const warm = await renderAll(data, DEFAULT_TEMPLATES, opts); // loads the fonts once, as the app does
    const runs = smoke ? 3 : 40;
    const requests = Array.from({ length: runs }, (_, i) => nthRequest(i));
    let next = 0;
    const samples = await timeRuns(runs, () => renderAll(requests[next++]!, DEFAULT_TEMPLATES, opts));
    pdfkitMedian = percentile(samples, 50);
    return { median: pdfkitMedian, p95: percentile(samples, 95), bytes: warm.reduce((n, f) => n + f.pdf.length, 0) };
  }

  return [
    {
      name: 'formularios: 3 PDF de una solicitud (pdfkit)',
      key: 'forms.three_pdfs_median',
      unit: 'ms mediana',
      target: { op: '<=', value: 20 },
      run: async () => {
        const { median, p95, bytes } = await measurePdfkit();
        return { value: median, detail: `p95 ${p95.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB los tres` };
      },
    },
    {
      // What forms.print does for a reprint (electron/core/forms/handlers.ts): the three archived
      // files read and checked against their recorded SHA-256, no rendering.
      name: 'formularios: reimpresión de un juego impreso (lectura del archivo)',
      key: 'forms.reprint_archive_read_p95',
      unit: 'ms p95',
      target: { op: '<=', value: 5 },
      run: async () => {
        const archived = (await renderAll(data, DEFAULT_TEMPLATES, opts)).map((r) => archivePdf(workDir, 'bench-reimpresion', r.kind, r.pdf));
        const samples = await timeRuns(smoke ? 3 : 200, async () => {
          for (const a of archived) {
            const bytes = fs.readFileSync(`${workDir}/${a.path}`);
            if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) throw new Error('archivo alterado');
          }
        });
        return { value: percentile(samples, 95), detail: `mediana ${percentile(samples, 50).toFixed(2)} ms` };
      },
    },
    {
      name: 'formularios: Chromium (HTML→PDF, Playwright) / pdfkit',
      key: 'forms.chromium_over_pdfkit',
      unit: '×',
      target: { op: '>=', value: 10 },
      run: async () => {
        const pdfkit = pdfkitMedian ?? (await measurePdfkit()).median;
        const pages = await Promise.all(FORM_KINDS.map(async (kind: FormKind) => {
          const view = buildView(kind, data, DEFAULT_TEMPLATES[kind]);
          return formHtml(view, qrPayload(kind, data, DEFAULT_TEMPLATES[kind]));
        }));
        let browser: Browser;
        const launchStart = performance.now();
        try {
          browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
        } catch (err) {
          throw new Error(`No se pudo abrir Chromium para comparar (CHROMIUM_PATH o /usr/bin/chromium): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
        }
        const launchMs = performance.now() - launchStart;
        try {
          const page = await browser.newPage();
          const printSet = async () => {
            for (const html of pages) {
              await page.setContent(html, { waitUntil: 'load' });
              await page.pdf({ format: 'A4', printBackground: true });
            }
          };
          await printSet(); // warm-up: first layout and font loading
          const samples = await timeRuns(smoke ? 2 : 15, printSet);
          const chromiumMedian = percentile(samples, 50);
          return { value: chromiumMedian / pdfkit, detail: `Chromium ${chromiumMedian.toFixed(1)} ms frente a pdfkit ${pdfkit.toFixed(1)} ms por juego de tres (sin contar el arranque de Chromium: ${launchMs.toFixed(0)} ms)` };
        } finally {
          await browser.close();
        }
      },
    },
  ];
};
