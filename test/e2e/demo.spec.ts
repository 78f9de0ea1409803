// The demo exactly as the README makes it (`npm run seed:demo -- --data-dir DIR`, default size)
// shows every screen, the Ventanilla Virtual included: a supervisor verifies the scans of a
// virtual request, whose e-signatures verify «válida» against the demo CA, and approves it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO, emptyDataDir, expect, login, screenshot, startDesk, test as deskTest, type Desk } from './desk';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** What the seed printed: the virtual requests that can be approved and those that show a refusal. */
let printed: { approvable: string[]; refused: string[] };

const test = deskTest.extend<object, { desk: Desk }>({
  desk: [
    async ({}, use) => {
      const dataDir = emptyDataDir();
      // No --requests: the default demo.
      const r = spawnSync(TSX, ['db/seed/cli.ts', '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
      const list = (label: RegExp) => (label.exec(r.stdout)?.[1] ?? '').split(', ').filter(Boolean);
      printed = { approvable: list(/se pueden aprobar\): (.*)$/m), refused: list(/se ve el rechazo\): (.*)$/m) };
      const desk = await startDesk(dataDir);
      await use(desk);
      desk.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});
test.describe.configure({ timeout: 120_000 });

test('the default demo has Ventanilla Virtual requests to verify: one is verified and approved with the keyboard', async ({ page, desk }) => {
  expect(printed.approvable.length).toBeGreaterThan(0);
  expect(printed.refused.length).toBeGreaterThan(0);
  await login(page, desk, DEMO.supervisor);
  await page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Colas de trabajo/ }).click();
  await page.getByRole('list', { name: 'Colas' }).getByRole('button', { name: /Ventanilla Virtual por revisar/ }).click();
  const number = printed.approvable[0]!;
  const row = page.getByRole('row', { name: `Solicitud ${number}` });
  await expect(row).toBeVisible();
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revisión · ${number}`);
  const docs = page.getByRole('list', { name: 'Documentos de la Ventanilla Virtual' });
  await expect(docs.getByRole('listitem', { name: 'Solicitud de entrega de clave' })).toContainText('Firma válida de ');
  await expect(docs.getByRole('listitem', { name: 'Acuerdo de Responsabilidad y Uso de la Información' })).toContainText('certificado de DEMO Entidad de Certificación');
  await screenshot(page, 'demo-01-virtual-por-verificar');

  // The supervisor's path: each document's «Verificado» (Enter), the names on the cédula
  // confirmed by looking at its scan (Space), until focus lands on «Aprobar».
  const focused = async () => String(await page.evaluate("document.activeElement?.id ?? ''"));
  await expect.poll(focused).toMatch(/^vdoc-.+-(verify|namesMatch)$/);
  for (let step = 0; step < 10 && (await focused()) !== 'review-approve'; step++) {
    const id = await focused();
    expect(id).toMatch(/^vdoc-.+-(verify|namesMatch)$/);
    if (id.endsWith('-namesMatch')) {
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    // Focus moves on to the next document to check (or «Aprobar») once the verdict is saved.
    const done = id.replace(/-namesMatch$/, '-verify');
    await expect.poll(async () => { const now = await focused(); return now !== done && /^(vdoc-.+-(verify|namesMatch)|review-approve)$/.test(now); }).toBe(true);
  }
  await expect(page.locator('#review-approve')).toBeFocused();
  await expect(page.getByText('Todos los documentos están verificados y las firmas electrónicas registradas')).toBeVisible();
  await screenshot(page, 'demo-02-virtual-verificada');
  // Approval cannot be undone: Alt+A asks, Enter confirms.
  await page.keyboard.press('Alt+A');
  await expect(page.getByRole('button', { name: 'Aprobar (Enter)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Solicitud ${number} aprobada.` })).toBeVisible();

  // A refused one shows why, and cannot be approved.
  await page.getByRole('list', { name: 'Colas' }).getByRole('button', { name: /Ventanilla Virtual por revisar/ }).click();
  const refused = page.getByRole('row', { name: `Solicitud ${printed.refused[0]!}` });
  await refused.focus();
  await page.keyboard.press('Enter');
  await expect(docs).toContainText(/Documento modificado después de firmar|Firma de otra persona/);
  await page.keyboard.press('Alt+A');
  await expect(page.getByRole('alert').filter({ hasText: 'Todavía no se puede aprobar.' })).toBeVisible();
});
