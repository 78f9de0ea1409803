// The agency's Ventanilla Virtual routing (agencia.json `virtual`) told to central, once per
// change: central routes a virtual request filed for a province only to an agency that declared it
// (docs/seeds/004_…:45). The desk also refuses, on arrival, one of a province it does not attend.
import { API_PREFIX, VirtualRouting } from '../../../shared/sync/protocol';
import { virtualRouting } from '../ops/agency-config';
import { getSetting, setSetting } from '../settings';
import type { SyncDeps } from './engine';
import { exchange } from './http';

export async function sendRoutingIfChanged(
  deps: Pick<SyncDeps, 'db' | 'clock'>,
  target: { url: string; token: string },
  opts: { timeoutMs: number },
): Promise<boolean> {
  const routing = virtualRouting(deps.db);
  const text = JSON.stringify(routing);
  if (getSetting(deps.db, 'sync.routingSent') === text) return false;
  await exchange(VirtualRouting, { method: 'PUT', url: `${target.url}${API_PREFIX}/virtual-routing`, token: target.token, body: routing, timeoutMs: opts.timeoutMs, maxBytes: 64 * 1024, now: deps.clock.now() });
  setSetting(deps.db, 'sync.routingSent', text);
  return true;
}
