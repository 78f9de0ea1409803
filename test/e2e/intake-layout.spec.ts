// The intake at the counter's screen size (1366×768, playwright.config.ts): when «Continuar»
// is refused, the summary in the action bar names each field to correct, a click takes the
// clerk to it, and no field it names is hidden under the bar.
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { DEMO, expect, field, login, screenshot, seedDesk, startDesk, test as deskTest, type Desk } from './desk';

/** A desk of its own: checking a turno in writes outbox events other specs count. */
const test = deskTest.extend<object, { desk: Desk }>({
  desk: [
    async ({}, use) => {
      const dataDir = seedDesk(40);
      const desk = await startDesk(dataDir);
      await use(desk);
      desk.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

/** 'ok' when the element's whole box is on screen, above the action bar, and it (or its own label) is what is drawn at its centre; else what is wrong. */
async function uncovered(page: Page, target: Locator, bar: Locator): Promise<string> {
  const box = (await target.boundingBox())!;
  const barBox = (await bar.boundingBox())!;
  const viewport = page.viewportSize()!;
  if (box.y < 0 || box.y + box.height > viewport.height) return `off screen: ${JSON.stringify(box)}`;
  if (box.y + box.height > barBox.y) return `under the action bar: field ${JSON.stringify(box)}, bar ${JSON.stringify(barBox)}`;
  const drawn = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = el.ownerDocument.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    if (at !== null && (el === at || el.contains(at) || at.contains(el))) return 'ok';
    // An empty outlined field's own label sits over its middle until the focus has finished moving
    // it up (MUI's shrink transition): that is the field itself, not something hiding it.
    const labels = Array.from((el as unknown as { labels?: ArrayLike<NonNullable<typeof at>> | null }).labels ?? []);
    if (at !== null && labels.some((l) => l === at || l.contains(at))) return 'ok';
    return at === null ? 'nothing' : `${at.tagName.toLowerCase()}.${String(at.className).slice(0, 80)} «${(at.textContent ?? '').slice(0, 40)}»`;
  });
  return drawn === 'ok' ? 'ok' : `another element is drawn over it: ${drawn}`;
}

test('at 1366×768 the refusal names each field to correct, leads to it, and never covers it', async ({ page, desk }) => {
  expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+1');
  const code = (await page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr').filter({ hasText: 'Pendiente' }).first().locator('td').nth(1).innerText()).trim();
  await field(page, 'Código de confirmación o cédula').fill(code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Solicitud CAU-UIO-');
  // What the turno brought, taken away: many fields to correct at once.
  await field(page, 'Apellidos y nombres').fill('');
  await field(page, 'Correo electrónico').fill('');
  await page.getByRole('button', { name: 'Continuar a verificación' }).click();

  const bar = page.getByRole('region', { name: 'Acciones de la solicitud' });
  const summary = bar.getByRole('list', { name: 'Datos por corregir' });
  const links = summary.getByRole('button');
  await expect(links.first()).toBeVisible();
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(5);
  await screenshot(page, 'intake-01-errores-1366');
  // The bar stays a bar: at most a fifth of the screen, whatever the number of errors.
  expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(768 / 5);
  // The first field to correct has the focus, in full view.
  const first = page.locator(':focus');
  await expect(first).toBeVisible();
  expect(await uncovered(page, first, bar)).toBe('ok');

  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const label = (await link.innerText()).trim();
    await link.click();
    // Focus leaves the link for the field it names.
    await expect(link, label).not.toBeFocused();
    const focused = page.locator(':focus');
    await expect(focused).toBeVisible();
    expect(`${label}: ${await uncovered(page, focused, bar)}`).toBe(`${label}: ok`);
  }
  await screenshot(page, 'intake-02-ultimo-dato-1366');
});
