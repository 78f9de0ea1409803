import { describe, expect, it, vi } from 'vitest';
import { createCallHandler, FORBIDDEN_SENDER_MESSAGE, type SenderEvent } from '../../../electron/hosts/desktop/ipc';
import { ok } from '../../../shared/contract/result';
import { silentLogger } from '../../../electron/core/context';
import { FakeWebContents, type FakeFrame } from './fake-electron';

const ENVELOPE = { call: 'system.status', input: { a: 1 }, session: 'token-123' };

function setup() {
  const ours = new FakeWebContents('app://ventanilla/index.html');
  const core = { call: vi.fn(async () => ok({ fine: true })) };
  const handler = createCallHandler({ core, trusted: () => ours as never, log: silentLogger });
  const from = (sender: FakeWebContents, frame: FakeFrame | null) => ({ sender, senderFrame: frame }) as unknown as SenderEvent;
  return { ours, core, handler, from };
}

describe('IPC call handler', () => {
  it('forwards a well-formed envelope from our main frame to the core', async () => {
    const { ours, core, handler, from } = setup();
    const result = await handler(from(ours, ours.mainFrame), ENVELOPE);
    expect(result).toEqual({ ok: true, value: { fine: true } });
    expect(core.call).toHaveBeenCalledExactlyOnceWith('system.status', { a: 1 }, { kind: 'session', token: 'token-123' }, { signal: expect.any(AbortSignal) });
  });

  it('passes a null session through (before login)', async () => {
    const { ours, core, handler, from } = setup();
    await handler(from(ours, ours.mainFrame), { ...ENVELOPE, session: null });
    expect(core.call).toHaveBeenCalledWith('system.status', { a: 1 }, { kind: 'session', token: null }, { signal: expect.any(AbortSignal) });
  });

  describe('refuses, with a forbidden Result and without reaching the core,', () => {
    const cases: [string, (s: ReturnType<typeof setup>) => SenderEvent][] = [
      ['a subframe of our window', ({ ours, from }) => from(ours, { url: 'app://ventanilla/index.html', parent: ours.mainFrame })],
      ['another webContents on our origin', ({ from }) => { const other = new FakeWebContents(); return from(other, other.mainFrame); }],
      ["another webContents claiming our frame", ({ ours, from }) => from(new FakeWebContents(), ours.mainFrame)],
      ['a frame that no longer exists', ({ ours, from }) => from(ours, null)],
      ...['https://example.org/', 'app://ventanilla.evil/', 'app://ventanilla@evil/', 'app://evil@ventanilla/', 'app://ventanilla:1/', 'file:///app/index.html', 'about:blank', '']
        .map((url): [string, (s: ReturnType<typeof setup>) => SenderEvent] => [
          `our main frame showing ${JSON.stringify(url)}`,
          ({ ours, from }) => {
            ours.mainFrame.url = url;
            return from(ours, ours.mainFrame);
          },
        ]),
    ];
    it.each(cases)('%s', async (_name, makeEvent) => {
      const s = setup();
      const result = await s.handler(makeEvent(s), ENVELOPE);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: FORBIDDEN_SENDER_MESSAGE } });
      expect(s.core.call).not.toHaveBeenCalled();
    });
  });

  it('refuses every sender once our window is gone', async () => {
    const ours = new FakeWebContents();
    const core = { call: vi.fn() };
    const handler = createCallHandler({ core, trusted: () => null, log: silentLogger });
    const result = await handler({ sender: ours, senderFrame: ours.mainFrame } as unknown as SenderEvent, ENVELOPE);
    expect(result.ok).toBe(false);
    expect(core.call).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'system.status'],
    ['null', null],
    ['call missing', { input: {}, session: null }],
    ['call not a string', { call: 42, input: {}, session: null }],
    ['session missing', { call: 'system.status', input: {} }],
    ['session a number', { call: 'system.status', input: {}, session: 7 }],
    ['an extra key', { ...ENVELOPE, channel: 'other' }],
    ['an over-long call name', { ...ENVELOPE, call: 'x'.repeat(101) }],
  ])('rejects a malformed envelope (%s) as invalid_input', async (_name, raw) => {
    const { ours, core, handler, from } = setup();
    const result = await handler(from(ours, ours.mainFrame), raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid_input');
    expect(core.call).not.toHaveBeenCalled();
  });
});
