// The other desks' «en atención» markers: after each pull, the desk asks central for the agency's
// live markers (GET /v1/working) and replaces the ones it held, so a lapsed or released marker
// disappears at the next cycle. A marker's times are on central's clock (`since`, `until`, against
// the answer's `time`) and kept on this desk's, so clocks that disagree do not stretch or shorten
// it, nor show a wrong «desde hh:mm». A central of the first version has no such route (404): the desk then
// shows no markers of others, as before.
import type Database from 'better-sqlite3';
import { API_PREFIX, WorkingResponse } from '../../../shared/sync/protocol';
import { exchange, SyncError } from './http';

export async function refreshWorking(sqlite: Database.Database, target: { url: string; token: string }, now: () => number, opts: { timeoutMs: number; maxResponseBytes: number }): Promise<number> {
  let answer: WorkingResponse;
  try {
    answer = await exchange(WorkingResponse, { method: 'GET', url: `${target.url}${API_PREFIX}/working`, token: target.token, timeoutMs: opts.timeoutMs, maxBytes: opts.maxResponseBytes, now: now() });
  } catch (err) {
    if (err instanceof SyncError && err.status === 404) {
      replace(sqlite, [], now(), 0);
      return 0;
    }
    throw err;
  }
  const at = now();
  replace(sqlite, answer.items, at, at - answer.time);
  return answer.items.length;
}

function replace(sqlite: Database.Database, items: WorkingResponse['items'], now: number, skew: number): void {
  const insert = sqlite.prepare(
    `INSERT INTO work_markers (request_id, device_id, station, desk_name, user_id, user_name, role, activity, since, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (request_id, device_id, user_id) DO UPDATE SET expires_at = excluded.expires_at, activity = excluded.activity, since = excluded.since`,
  );
  sqlite
    .transaction(() => {
      sqlite.prepare("DELETE FROM work_markers WHERE device_id <> ''").run();
      // This desk's own lapsed markers are of no use once a day old (the lists skip lapsed ones anyway).
      sqlite.prepare("DELETE FROM work_markers WHERE device_id = '' AND expires_at < ?").run(now - 86_400_000);
      for (const m of items) {
        // A device id of '' would pass for this desk's own marker: central never sends one, but the wire decides nothing here.
        if (m.desk.deviceId === '') continue;
        insert.run(m.requestId, m.desk.deviceId, m.desk.station, m.desk.name, m.actor.userId, m.actor.name, m.actor.role, m.activity, m.since + skew, m.until + skew);
      }
    })
    .immediate();
}
