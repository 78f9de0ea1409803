// A second process writing to a desk's database while a test backs it up: each transaction
// appends an audit entry (hash-chained, head in settings) and bumps a counter, so a torn
// snapshot would show as a broken chain or a counter that disagrees with the entries.
// Usage: tsx writer.ts <dataDir> <milliseconds>
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME } from '../../../db/open';
import { appendAudit, bindAuditKeys } from '../../../electron/core/security/audit/chain';
import { fileSecretStore } from '../../../electron/hosts/common/secrets-file';

const [dataDir, ms] = process.argv.slice(2);
const db = new Database(path.join(dataDir!, DB_FILE_NAME));
db.pragma('busy_timeout = 5000');
bindAuditKeys(db, fileSecretStore(dataDir!)); // the desk's audit key, as the core uses it
const counter = db.prepare("INSERT INTO settings (key, value) VALUES ('test.writes', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
const write = db.transaction((n: number) => {
  appendAudit(db, { at: Date.now(), actorId: null, call: 'test.write', target: `write:${n}`, outcome: 'ok' });
  counter.run();
});
const until = Date.now() + Number(ms);
let n = 0;
while (Date.now() < until) write.immediate(++n);
db.close();
process.stdout.write(`${n}\n`);
