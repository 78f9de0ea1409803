// Adversarial review (second round) of the core worker's restart bound
// (electron/hosts/common/core-client.ts): failedStarts is reset by 'ready', so a core that opens
// and then dies, every time (a request whose replay crashes the worker at start-up, a native
// crash in a service the core starts after opening), is started again forever and without a
// pause; every start re-opens and re-migrates the database, and every call in flight is answered
// CORE_RESTARTED_MESSAGE. The bound (maxRestarts) must hold for it too.
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/core/context';
import { CORE_UNAVAILABLE_MESSAGE, startCoreClient, type CoreProcess } from '../../electron/hosts/common/core-client';

describe('core client: a core that opens and then dies, again and again', () => {
  it('is not started again without bound', async () => {
    let spawns = 0;
    let halt = false;
    const spawn = (): CoreProcess => {
      spawns += 1;
      let onMessage: (m: unknown) => void = () => {};
      let onExit: (code: number | null) => void = () => {};
      return {
        post(m) {
          // Opens (ready), then dies right after, as a worker that crashes after opening does.
          if ((m as { t: string }).t === 'init' && !halt) {
            setImmediate(() => onMessage({ t: 'ready' }));
            setTimeout(() => onExit(1), 1);
          }
        },
        onMessage: (l) => void (onMessage = l),
        onExit: (l) => void (onExit = l),
        kill: () => onExit(null),
      };
    };
    let gaveUp = false;
    const log = { ...silentLogger, error: (message: string) => void (message === 'core worker keeps failing: not restarted' && (gaveUp = true)) };
    const client = startCoreClient({ spawn, init: () => ({}) as never, log, maxRestarts: 3 });
    try {
      await client.ready;
      // An outcome, not a duration: the client gave up (it logs so), or it is past any bound.
      await vi.waitFor(
        () => {
          if (!gaveUp && spawns < 40) throw new Error('still deciding');
        },
        { timeout: 20_000, interval: 20 },
      );
      expect({ gaveUp, boundedSpawns: spawns <= 1 + 3 + 1 }).toEqual({ gaveUp: true, boundedSpawns: true });
      // Past the bound every call is answered, in Spanish, and no worker is started for it.
      const before = spawns;
      await expect(client.call('system.info', {}, { kind: 'session', token: null })).resolves.toEqual({ ok: false, error: { code: 'unavailable', message: CORE_UNAVAILABLE_MESSAGE } });
      expect(spawns).toBe(before);
    } finally {
      halt = true;
    }
  }, 30_000);
});
