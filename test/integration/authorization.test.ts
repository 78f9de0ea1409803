// The role matrix: every declared call × every role, plus an anonymous caller. The answer must
// be exactly what the contract declares — the core, not the screens, enforces it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, USER_ROLES, contract } from '../../shared/contract';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 20 });
});
afterAll(() => desk.dispose());

const AS: Record<(typeof USER_ROLES)[number], Auth> = {
  administrador: { kind: 'cli', username: 'admin' },
  supervisor: { kind: 'cli', username: 'supervisora' },
  ventanillero: { kind: 'cli', username: 'ventanilla1' },
};
const GATE_CODES = ['unauthenticated', 'forbidden'];

describe('authorization in the core', () => {
  for (const name of CALL_NAMES) {
    const access = contract[name].access;
    it(`${name}: ${access === 'public' ? 'public' : access.join(', ')}`, async () => {
      const anonymous = await desk.core.call(name, {}, { kind: 'session', token: null });
      if (access === 'public') expect(anonymous.ok || !GATE_CODES.includes(anonymous.error.code)).toBe(true);
      else expect(anonymous).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

      for (const role of USER_ROLES) {
        const r = await desk.core.call(name, {}, AS[role]);
        const allowed = access === 'public' || (access as readonly string[]).includes(role);
        const code = r.ok ? 'ok' : r.error.code;
        if (allowed) expect(GATE_CODES, `${name} as ${role} answered ${code}`).not.toContain(code);
        else expect(code, `${name} as ${role}`).toBe('forbidden');
      }
    });
  }

  it('records a refused call in the audit trail with who tried', async () => {
    const before = desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    await desk.core.call('users.list', {}, AS.ventanillero);
    const last = desk.core.ctx.db.$client.prepare('SELECT call, outcome, actor_id AS actorId FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toMatchObject({ call: 'users.list', outcome: 'forbidden', actorId: expect.any(String) });
    const after = desk.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    expect(after.n).toBe(before.n + 1);
  });
});
