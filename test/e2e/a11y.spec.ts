// An accessibility scan (axe) of every screen each role can reach: no serious or critical
// violation. The screens are scanned as they open, with the demo agency's data.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, expect, login, test } from './desk';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ') ?? ''} — ${v.help}`);
}

test('the login screen', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const [role, who] of [
  ['ventanillero', DEMO.clerk],
  ['supervisor', DEMO.supervisor],
  ['administrador', DEMO.admin],
] as const) {
  test(`every section of the ${role}`, async ({ page, desk }) => {
    await login(page, desk, who);
    const buttons = page.getByRole('navigation', { name: 'Secciones' }).getByRole('button');
    const found: string[] = [];
    for (let i = 0; i < (await buttons.count()); i++) {
      const label = (await buttons.nth(i).innerText()).split('\n')[0]!;
      await buttons.nth(i).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      for (const v of await seriousViolations(page)) found.push(`${label}: ${v}`);
    }
    expect(found).toEqual([]);
  });
}
