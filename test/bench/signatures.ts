// Verifying the electronic signatures of a Ventanilla Virtual scan (docs/signatures.md): the
// review screen verifies every PDF of a request when it opens, so one 1 MB PDF (the largest the
// Ventanilla Virtual accepts) must verify without a perceptible wait. Measured on the corpus's
// valid case (timestamp, CRLs, chain to the installed anchor, identity), at 1 MB.
import { verifyPdfSignatures } from '../../electron/core/counter/attachments/pades/verify';
import { CORPUS_NOW, largeSolicitudPdf, REPRESENTATIVE, testPki, validSigned } from '../support/pades-corpus';
import { percentile, type MetricFactory } from './harness';

export const signatureMetrics: MetricFactory = ({ smoke }) => [
  {
    name: 'verificar firma PDF 1 MB',
    unit: 'ms mediana',
    target: { op: '<=', value: 50 },
    run: async () => {
      const t = await testPki();
      const pdf = await validSigned(await largeSolicitudPdf(smoke ? 50_000 : 1_000_000));
      const opts = { anchors: [t.pki.root.cert], expectedSigner: REPRESENTATIVE, now: CORPUS_NOW };
      const first = await verifyPdfSignatures(pdf, opts);
      if (first.verdict !== 'valida') throw new Error(`the benchmark's PDF should be valid: ${first.summary}`);
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < (smoke ? 3 : 40); i++) {
        const t0 = performance.now();
        const u0 = process.cpuUsage();
        await verifyPdfSignatures(pdf, opts);
        const u = process.cpuUsage(u0);
        samples.push(performance.now() - t0);
        cpu.push((u.user + u.system) / 1000);
      }
      samples.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      // CPU time too: on a shared machine the wall clock also counts other processes' turns.
      return { value: percentile(samples, 50), detail: `p95 ${percentile(samples, 95).toFixed(1)} ms, CPU ${percentile(cpu, 50).toFixed(1)} ms, ${(pdf.length / 1_048_576).toFixed(2)} MB` };
    },
  },
];
