// The agency's SLA, as IT configures it in agencia.json, colours the queue rows by the state each
// request waits in: a state with its own deadline stops being "vencida" when the deadline grows,
// the others keep the general one, and final states carry no deadline at all.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO, expect, login, screenshot, test } from './desk';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const queueRows = (page: Page) => page.getByRole('table', { name: 'Solicitudes de la cola' }).locator('tbody tr');
/**
 * The age chips of the open queue's rows (its last column), once the SLA that colours them is in:
 * it comes with the queue counts, asked for after the rows are painted (renderer/src/app/paint.ts),
 * and the list of queues is drawn from the same answer.
 */
const ages = async (page: Page) => {
  await expect(page.getByRole('list', { name: 'Colas' }).getByRole('button').first()).toBeVisible();
  await expect(queueRows(page).first().locator('td').last()).toContainText(/min|h|d/);
  return queueRows(page).locator('td:last-child').allInnerTexts();
};
/** Opens a queue and waits for its own rows (their state shown in the Estado column). */
async function openQueue(page: Page, name: RegExp, stateLabel: string) {
  await page.getByRole('list', { name: 'Colas' }).getByRole('button', { name }).click();
  await expect(queueRows(page).first()).toContainText(stateLabel);
}

function applyAgencyConfig(dataDir: string, sla: unknown) {
  const config = {
    agency: { code: 'UIO', name: 'CAU Quito Norte (Iñaquito)', provinceCode: '17' },
    centralUrl: null,
    updateUrl: null,
    sla,
    caps: { maxPendingReview: 5000, attachmentMaxMB: 5 },
    idleLockMinutes: 30,
    backup: { dir: null, everyHours: 24, keep: 14 },
  };
  fs.writeFileSync(path.join(dataDir, 'agencia.json'), JSON.stringify(config, null, 2));
  execFileSync(TSX, ['electron/hosts/cli/main.ts', 'config.apply', '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8' });
}

test('per-state deadlines from agencia.json colour each queue row by its own state', async ({ page, desk }) => {
  // The demo's requests reached their states up to a day ago: with the general 20/60 minutes,
  // the oldest pending reviews and returns are late.
  applyAgencyConfig(desk.dataDir, { warnMinutes: 20, breachMinutes: 60, byState: {} });
  await login(page, desk, DEMO.supervisor);
  await expect(queueRows(page).first()).toContainText('Pendiente de revisión');
  expect((await ages(page)).filter((a) => a.endsWith('· vencida')).length).toBeGreaterThan(0);
  await openQueue(page, /^Devueltas/, 'Devuelta');
  expect((await ages(page)).filter((a) => a.endsWith('· vencida')).length).toBeGreaterThan(0);

  // A week for pending reviews (amber from 2 d 8 h): none of them is late any more; returned
  // requests keep the general deadline.
  applyAgencyConfig(desk.dataDir, { warnMinutes: 20, breachMinutes: 60, byState: { pendiente_revision: 10_080 } });
  await page.reload();
  await expect(queueRows(page).first()).toContainText('Pendiente de revisión');
  const pending = await ages(page);
  expect(pending.length).toBeGreaterThan(0);
  expect(pending.every((a) => a.endsWith('· a tiempo'))).toBe(true);
  await expect(queueRows(page).first().locator('td').last().locator('.vp-chip-success')).toBeVisible();
  await screenshot(page, '55-colas-plazo-por-estado');
  await openQueue(page, /^Devueltas/, 'Devuelta');
  expect((await ages(page)).filter((a) => a.endsWith('· vencida')).length).toBeGreaterThan(0);
  await expect(queueRows(page).locator('td:last-child .vp-chip-error').first()).toBeVisible();

  // Final states wait for nobody: the age alone, no colour, no word.
  await openQueue(page, /^Clave emitida hoy/, 'Clave emitida');
  const issued = await ages(page);
  expect(issued.length).toBeGreaterThan(0);
  expect(issued.every((a) => !a.includes('·'))).toBe(true);
});
