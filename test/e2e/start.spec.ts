// The app's start after a reload (renderer/src/app/boot.ts): the first calls go out before the
// app's code has loaded, and a supervisor's first queue page goes with the session check, not
// after its answer. Who may read it is still the core's to say: a clerk and a locked session
// ask for no queue at all.
import type { Page, Request } from '@playwright/test';
import { DEMO, expect, field, login, test } from './desk';

const queueRows = (page: Page) => page.getByRole('table', { name: 'Solicitudes de la cola' }).locator('tbody tr[aria-label^="Solicitud "]');
/** The page's sessionStorage (the tests' types know no DOM). */
type TabStorage = { sessionStorage: { getItem(k: string): string | null; readonly length: number; key(i: number): string | null } };
const callOf = (request: Request) => (request.postDataJSON() as { call: string; input: Record<string, unknown> }) ?? { call: '', input: {} };

/** The calls the page makes from now on, in the order it asks them. */
function recordCalls(page: Page): { call: string; input: Record<string, unknown> }[] {
  const calls: { call: string; input: Record<string, unknown> }[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/call') calls.push(callOf(r));
  });
  return calls;
}

test('a supervisor\'s reload asks for the first queue page with the session check, and draws its rows from that one answer', async ({ page, desk }) => {
  await login(page, desk, DEMO.supervisor);
  await expect(queueRows(page).first()).toBeVisible();
  // What the tab keeps: the launch and session tokens, and the role's name (nothing about the person).
  const stored = await page.evaluate(() => {
    const storage = (globalThis as unknown as TabStorage).sessionStorage;
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)!);
    return Object.fromEntries(keys.map((k) => [k, k === 'ventanilla.landing' ? storage.getItem(k) : '…']));
  });
  expect(stored).toEqual({ 'ventanilla.launch': '…', 'ventanilla.session': '…', 'ventanilla.landing': 'supervisor' });

  // session.current is answered only once the queue page has been asked for (or after 10 s):
  // when the page waited for that answer, it was asked after it.
  let pageAsked!: () => void;
  const asked = new Promise<void>((resolve) => (pageAsked = resolve));
  let sessionAnswered = false;
  let askedBeforeSessionAnswer: boolean | null = null;
  await page.route('**/api/call', async (route) => {
    const { call } = callOf(route.request());
    if (call === 'queues.list' && askedBeforeSessionAnswer === null) {
      askedBeforeSessionAnswer = !sessionAnswered;
      pageAsked();
    }
    if (call === 'session.current') {
      await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      sessionAnswered = true;
    }
    await route.continue();
  });
  const calls = recordCalls(page);
  await page.reload();
  await expect(queueRows(page).first()).toBeVisible();
  expect(askedBeforeSessionAnswer).toBe(true);
  // One read of that page: the screen drew the start's answer instead of asking again.
  expect(calls.filter((c) => c.call === 'queues.list' && c.input.queue === 'por_revisar' && !c.input.cursor && !c.input.station)).toHaveLength(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Colas de trabajo');
  await expect(page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Colas de trabajo/ })).toHaveAttribute('aria-current', 'page');
});

test('a clerk\'s reload asks for no queue and opens Atención, loaded apart from the app', async ({ page, desk }) => {
  await login(page, desk, DEMO.clerk);
  await expect(page.getByRole('navigation', { name: 'Secciones' }).getByRole('button', { name: /^Atención/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  // Where the section puts the clerk's focus, also when its code arrives after the frame.
  const focused = () => page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(n: string): string | null } | null } }).document.activeElement;
    return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? el.getAttribute('id') ?? ''}` : '';
  });
  await expect.poll(focused).not.toBe('BODY ');
  const before = await focused();
  const calls = recordCalls(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect.poll(focused).toBe(before);
  expect(calls.map((c) => c.call)).not.toContain('queues.list');
});

test('a session locked before the reload does not ask for the queue with the session check, and shows its rows once unlocked', async ({ page, desk }) => {
  await page.clock.install();
  await login(page, desk, DEMO.supervisor);
  await expect(queueRows(page).first()).toBeVisible();
  // Idle on Mi cuenta, as accounts.spec does: the queue's rows, refreshed under the pointer while
  // the clock jumps, would count as activity.
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mi cuenta');
  // Its form is loaded apart: drawn under the pointer during the jump it would count as activity too.
  await expect(field(page, 'Nueva contraseña')).toBeVisible();
  // The agency's idle time, as Mi cuenta states it (the desk is shared: an earlier spec may have
  // configured another than the default 5 minutes).
  const minutes = Number(/se bloquea tras (\d+) minutos/.exec(await page.getByText(/se bloquea tras \d+ minutos/).innerText())![1]);
  await page.clock.fastForward(`${String(minutes - 1).padStart(2, '0')}:00`);
  await page.clock.fastForward('01:05');
  await expect(page.getByRole('dialog', { name: 'Sesión bloqueada' })).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as TabStorage).sessionStorage.getItem('ventanilla.landing'))).toBeNull();
  // The calls asked before session.current answered (the start's own; what the screens ask
  // after it is theirs).
  const early: string[] = [];
  let answered = false;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/call' && !answered) early.push(callOf(r).call);
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/call' && callOf(r.request()).call === 'session.current') answered = true;
  });
  await page.reload();
  const lock = page.getByRole('dialog', { name: 'Sesión bloqueada' });
  await expect(lock).toBeVisible();
  expect(answered).toBe(true);
  expect(early).not.toContain('queues.list');
  await field(lock, 'Contraseña').fill(DEMO.supervisor.password);
  await lock.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(lock).toBeHidden();
  await expect(queueRows(page).first()).toBeVisible();
});

test('a clerk who types at once after signing in reaches Atención, even when its code arrives late', async ({ page, desk }) => {
  // Atención's code held back, as on a busy counter PC: the frame waits for it, so the keys typed
  // as soon as it shows open the walk-in dialog instead of falling on a spinner.
  await page.route(/\/assets\/CounterSection-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await login(page, desk, DEMO.clerk);
  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('dialog', { name: 'Atención sin turno' })).toBeVisible();
});
