// Keystroke latency of the intake screen, the clerk's eight-hour screen (target: feedback under
// 100 ms per keystroke). Measured in Chromium against the browser host over a seeded desk, with
// the Event Timing API (input to next paint). Needs the built renderer (npm run build:renderer).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { openDesk } from '../../electron/hosts/common/open-desk';
import { startWebHost } from '../../electron/hosts/web/server';
import { RENDERER_DIST } from '../../electron/hosts/web/main';
import { CHROMIUM_ARGS } from './forms';
import { seedInto } from './foundation';
import type { MetricFactory } from './harness';

export const keystrokeMetrics: MetricFactory = ({ smoke, workDir }) => [
  {
    name: 'latencia por tecla en la solicitud (Chromium, peor caso)',
    unit: 'ms',
    target: { op: '<=', value: 100 },
    run: async () => {
      if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) throw new Error('Falta la interfaz compilada: ejecute npm run build:renderer antes del benchmark.');
      const dataDir = path.join(workDir, 'teclado');
      await seedInto(dataDir, 200);
      const opened = openDesk({ dataDir, host: 'web' });
      const host = await startWebHost({ core: opened.core, staticDir: RENDERER_DIST });
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        await page.goto(host.url);
        await page.getByRole('textbox', { name: /^Usuario/ }).fill('ventanilla1');
        await page.getByRole('textbox', { name: /^Contraseña/ }).fill('Ventanilla.Demo.2026');
        await page.keyboard.press('Enter');
        const code = page.getByRole('textbox', { name: /^Código de confirmación o cédula/ });
        await code.waitFor();
        const first = (await page.getByRole('table', { name: 'Turnos del día' }).locator('tbody tr').first().locator('td').nth(1).innerText()).trim();
        await code.fill(first);
        await page.keyboard.press('Enter');
        const legalName = page.getByRole('textbox', { name: /^Razón social/ });
        await legalName.waitFor();
        await page.evaluate(() => {
          const w = globalThis as unknown as { __events: number[] };
          w.__events = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.__events.push(e.duration);
          }).observe({ type: 'event', durationThreshold: 16, buffered: false } as unknown as Parameters<InstanceType<typeof PerformanceObserver>['observe']>[0]);
        });
        const text = smoke ? 'Comercial Andina' : 'Comercial Andina del Pacífico Cía. Ltda. — Sucursal Norte de Quito';
        await legalName.click();
        await page.keyboard.type(text, { delay: 15 });
        await page.getByRole('textbox', { name: /^RUC/ }).click();
        await page.keyboard.type('1792060346001', { delay: 15 });
        await page.waitForTimeout(300); // let the last events report
        const slow = await page.evaluate(() => (globalThis as unknown as { __events: number[] }).__events);
        const keys = text.length + 13;
        // Event Timing reports only events over 16 ms: none means every keystroke was under 16 ms.
        return { value: Math.max(16, ...slow), detail: `${keys} teclas, ${slow.length} sobre 16 ms` };
      } finally {
        await browser.close();
        await host.close();
        opened.close();
      }
    },
  },
];
