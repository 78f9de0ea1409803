// Statements prepared once per connection: a pull applies thousands of changes, and compiling
// the same SQL for each one was the largest cost of a 10,000-change pull (test/bench/desks.ts).
// Texts are plain literals or `sql` fragments of db/sql.ts (build/eslint-sql.js refuses one
// spliced together here); a fragment's values are bound by `runSql`, never written into the text.
import type Database from 'better-sqlite3';
import type { Sql } from '../../../db/sql';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement for a fixed text; its `?`/`@name` placeholders are bound when it runs. */
export function prepared(sqlite: Database.Database, text: string | Sql): Database.Statement {
  if (typeof text !== 'string' && text.values.length > 0) throw new Error('prepared() binds values when the statement runs: use runSql().');
  const sql = typeof text === 'string' ? text : text.sql;
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

/** Runs a `sql` fragment with its values bound, on the statement prepared once for its text. */
export function runSql(sqlite: Database.Database, q: Sql): Database.RunResult {
  return prepared(sqlite, q.sql).run(...q.values);
}
