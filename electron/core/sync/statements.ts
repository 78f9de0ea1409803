// Statements prepared once per connection: a pull applies thousands of changes, and compiling
// the same SQL for each one was the largest cost of a 10,000-change pull (test/bench/desks.ts).
import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}
