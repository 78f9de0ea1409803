// Search over the agency's requests. The text box takes whatever the supervisor has at hand:
// a request number (in full or as the lists show it), a RUC, a cédula, passport or foreigner code, or names —
// accent-insensitive, by prefix, through the FTS5 index requests_fts (unicode61 with diacritics
// removed) — or several of them at once.
import { all, connectionKey, createTemp, empty, get, ident, join, preparedRead, sql, value, pluck, type ReadableDB, type Sql } from '../../../db/sql';
import { formatRequestNumber, parseRequestNumber } from '../../../shared/domain/request-number';
import type { QueueRow } from '../../../shared/contract/supervisor';
import { CallFailure } from '../errors';
import { decodeCursor, encodeCursor } from '../cursor';
import { dayEnd, dayStart } from '../../../shared/domain/dates';
import type { HandlersOf } from '../registry';
import { parseWorking, workingColumn } from '../counter/working';
import type { AuthedReadContext } from '../context';
import { deskLabel } from '../../../shared/domain/desks';

type Found = Omit<QueueRow, 'viewed' | 'version'>;

/**
 * The typed words of a names search (at most 8), without one-letter words: FTS5 has no prefix
 * index that short (requests_fts has prefix='2 3', db/migrations/0007_requests_fts.sql), so "m"*
 * would merge the postings of every name starting with m. An initial next to other terms
 * ("Juan P", "Comercial S.A.") narrows little and is left out; alone, textConditions asks for more.
 */
function nameWords(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => [...w].length > 1)
    .slice(0, 8);
}

/** Whether the text has a letter or digit at all (one-letter words included). */
const hasWord = (text: string) => /[\p{L}\p{N}]/u.test(text);

export const ONE_LETTER_MESSAGE = 'Escriba al menos dos letras del nombre, o un número de solicitud, RUC, cédula, pasaporte o código de extranjero.';

/** Turns typed names into an FTS5 query: every word must match, each as a prefix. */
export function namesQuery(text: string): string | null {
  const words = nameWords(text);
  return words.length === 0 ? null : words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' AND ');
}

/**
 * The index's vocabulary, read term by term (fts5vocab over the same index, in the connection's
 * temp schema: nothing is stored). One row per occurrence, but a range query positioned on a
 * prefix stops at its first row, so listing the terms of a prefix costs one seek per term.
 */
const VOCAB = ident('temp', 'requests_fts_terms');
const withVocab = new WeakSet<object>();

/** Up to this many index terms a typed word is expanded into; past it, the prefix query is kept. */
const MAX_TERMS = 24;

/**
 * The index terms that start with `word`, or null when the word cannot be expanded (too short,
 * not plain a–z/0–9 once folded like the index, or too many terms).
 *
 * Why: FTS5 answers a prefix query longer than its prefix index (2 and 3 characters) by merging
 * the whole posting list of every matching term before returning the first row — 72,000 postings
 * for "muñoz" on the demo database. The same words as exact terms are walked lazily and skip
 * ahead, so a page of results costs microseconds. The answer is the same: a prefix matches
 * exactly the terms that start with it.
 */
function prefixTerms(db: ReadableDB, word: string): string[] | null {
  // The index folds case and diacritics (unicode61, remove_diacritics 2); this fold agrees with
  // it on everything that ends up plain ASCII, and anything else keeps the prefix query.
  const folded = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (folded.length < 4 || !/^[a-z0-9]+$/.test(folded)) return null;
  if (!withVocab.has(connectionKey(db))) {
    // A view over the index in the connection's temp schema, made once per connection: the one
    // write a search makes, and to nothing stored.
    createTemp(db, sql`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(main, requests_fts, instance)`);
    withVocab.add(connectionKey(db));
  }
  const next = preparedRead(db, sql`SELECT term FROM ${VOCAB} WHERE term >= ? AND term < ? LIMIT 1`, { pluck: true });
  // Every term starting with `folded` sorts below `folded` followed by U+10FFFF.
  const end = `${folded}\u{10FFFF}`;
  const terms: string[] = [];
  let from = folded;
  for (;;) {
    const term = next.get(from, end) as string | undefined;
    if (term === undefined) return terms;
    if (terms.length === MAX_TERMS) return null;
    terms.push(term);
    from = `${term}\u0001`;
  }
}

/** The FTS5 query for typed names, with each longer word expanded into its index terms. */
function expandedNamesQuery(db: ReadableDB, text: string): string | 'none' {
  const parts: string[] = [];
  for (const word of nameWords(text)) {
    const terms = prefixTerms(db, word);
    if (terms === null) parts.push(`"${word.replace(/"/g, '')}"*`);
    else if (terms.length === 0) return 'none'; // no name in the index starts with this word
    else parts.push(`(${terms.map((t) => `"${t}"`).join(' OR ')})`);
  }
  return parts.join(' AND ');
}

/** What the text asks for: identifiers, each read off its own column, and names, off the index. */
interface TextConditions {
  columns: Sql[];
  /** The words that are not identifiers, searched as names. */
  names: string | null;
}

/** What a request number can be typed as, besides in full: what the screens show. */
interface NumberContext {
  agencyCode: string;
  /** The years this agency has numbered requests in (a bare sequence number may be any of them). */
  years(): number[];
}

const seq6 = (digits: string) => digits.padStart(6, '0');

/** The code central assigned a foreigner (index requests_foreigner_code, partial: only rows with one). */
const byCode = (code: string) => sql`r.foreigner_code = ${code}`;

/**
 * One identifier typed whole (separators and spaces as people type them), or null: a full number
 * in either shape of shared/domain/request-number.ts (CAU-UIO-2026-000201, CAU-UIO-2026-03-000124),
 * the short form the lists show (2026-000201, 2026-03-000124) or its sequence (000124, 124), a
 * RUC, a cédula, a passport or foreigner code.
 *
 * A foreigner code is in representative_id_number when it identifies the person (a contact
 * update by code) and in foreigner_code when central assigned it (a foreigner's registration,
 * electron/core/sync/apply.ts) or the intake recorded it beside a passport (docs/seeds/004_b3a097c2fb3b9007.txt:63):
 * both are read. Its format is the agency's (shared/domain/foreigner-code.ts: 6 to 20 letters or
 * digits by default), so any identifier-shaped term may be one; foreigner codes made of letters only
 * cannot be told from a name and are searched as names.
 */
function identifier(raw: string, ctx: NumberContext): TextConditions['columns'][number] | null {
  const upper = raw.toUpperCase();
  const compact = upper.replace(/[\s-]/g, '');
  const byNumber = (number: string) => sql`r.number = ${number}`;
  const typed = parseRequestNumber(upper.replace(/\s/g, ''));
  if (typed) return byNumber(formatRequestNumber(typed));
  // Without dashes: up to 6 digits after the year are a sequence, 8 a station and a sequence.
  const full = /^CAU([A-Z]+)(\d{4})(\d{1,6}|\d{8})$/.exec(compact);
  if (full) {
    const rest = full[3]!;
    const station = rest.length === 8 ? rest.slice(0, 2) : null;
    return byNumber(formatRequestNumber({ agencyCode: full[1]!, year: Number(full[2]), station, seq: Number(station ? rest.slice(2) : rest) }));
  }
  const short = /^(\d{4})\s*-\s*(?:(\d{2})\s*-\s*)?(\d{1,6})$/.exec(upper.trim());
  if (short) return byNumber(formatRequestNumber({ agencyCode: ctx.agencyCode, year: Number(short[1]), station: short[2] ?? null, seq: Number(short[3]) }));
  if (/^\d{1,6}$/.test(compact)) {
    // A sequence number of any year and station of this agency's, or a document number that short.
    const years = ctx.years();
    const alternatives = years.flatMap((year) => [
      sql`r.number = ${formatRequestNumber({ agencyCode: ctx.agencyCode, year, station: null, seq: Number(compact) })}`,
      sql`r.number GLOB ${`CAU-${ctx.agencyCode}-${year}-[0-9][0-9]-${seq6(compact)}`}`,
    ]);
    return sql`(${join([...alternatives, sql`r.representative_id_number = ${compact}`, byCode(compact)], ' OR ')})`;
  }
  if (/^\d{13}$/.test(compact)) return sql`(r.employer_ruc = ${compact} OR ${byCode(compact)})`;
  if (/^\d{10}$/.test(compact)) return sql`(r.representative_id_number = ${compact} OR r.third_party_cedula = ${compact} OR ${byCode(compact)})`;
  if (/^[A-Z]*\d[A-Z0-9]{2,19}$/.test(compact)) return sql`(r.representative_id_number = ${compact} OR ${byCode(compact)})`;
  return null;
}

/**
 * Reads the search box as the supervisor types it: one identifier (spaces allowed inside), or
 * several terms — identifiers and names mixed ("Muñoz 1790012345001") — all of which must match.
 */
export function textConditions(text: string, ctx: NumberContext): TextConditions {
  const whole = identifier(text, ctx);
  if (whole) return { columns: [whole], names: null };
  const columns: TextConditions['columns'] = [];
  const words: string[] = [];
  for (const term of text.split(/[\s,;]+/).filter(Boolean).slice(0, 12)) {
    const id = identifier(term, ctx);
    if (id) columns.push(id);
    else words.push(term);
  }
  const names = words.length > 0 && namesQuery(words.join(' ')) ? words.join(' ') : null;
  if (columns.length === 0 && !names) {
    // Only initials ("m", "J P"): too broad to search, and slow (nameWords).
    if (hasWord(words.join(' '))) throw new CallFailure('invalid_input', ONE_LETTER_MESSAGE);
    throw new CallFailure('invalid_input', 'Escriba un número de solicitud, RUC, cédula, pasaporte, código de extranjero o nombres.');
  }
  return { columns, names };
}

/**
 * How many requests a filter may select for its own index to be read whole (a few milliseconds
 * at most: a month of the demo agency is 44,000). A broader filter is just checked row by row as
 * the sort order is walked, where it finds its rows quickly because it is broad. (An object, so a
 * test can make every filter broad.) Rows read whole to be sorted by check-in time cost more
 * (each is looked up in the table): sortRows.
 */
export const searchTuning = { narrowRows: 50_000, sortRows: 10_000, typeRows: 2_000 };

interface Filters {
  from?: number;
  to?: number;
  clerk?: string;
  state?: string;
  station?: string;
  requestType?: string;
}

/** The indexes a filter may be read whole from (INDEXED BY). */
type FilterIndex = 'requests_agency_state' | 'requests_clerk_created' | 'requests_agency_station' | 'requests_agency_created' | 'requests_agency_type_state';

interface Narrowest {
  index: FilterIndex;
  where: Sql;
  rows: number;
}

/**
 * The index that selects the fewest rows for the filters, when it selects at most `cap`.
 * Each candidate is counted on its index alone, stopping at the cap.
 */
function narrowestFilter(db: ReadableDB, agency: string, f: Filters, cap: number): Narrowest | null {
  const dated = f.from !== undefined || f.to !== undefined;
  const range = sql`${f.from !== undefined ? sql` AND created_at >= ${f.from}` : empty}${f.to !== undefined ? sql` AND created_at < ${f.to}` : empty}`;
  const candidates: Omit<Narrowest, 'rows'>[] = [];
  if (f.state) candidates.push({ index: 'requests_agency_state', where: sql`agency_id = ${agency} AND state = ${f.state}` });
  if (f.clerk) candidates.push({ index: 'requests_clerk_created', where: sql`clerk_id = ${f.clerk}${range}` });
  if (f.station) candidates.push({ index: 'requests_agency_station', where: sql`agency_id = ${agency} AND station = ${f.station}${range}` });
  if (dated) candidates.push({ index: 'requests_agency_created', where: sql`agency_id = ${agency}${range}` });
  // A type other than the employer's is a small share of the rows: read whole from its own index.
  if (f.requestType) candidates.push({ index: 'requests_agency_type_state', where: sql`agency_id = ${agency} AND request_type = ${f.requestType}${f.state ? sql` AND state = ${f.state}` : empty}` });
  let best: Narrowest | null = null;
  for (const c of candidates) {
    const rows = value<number>(db, sql`SELECT count(*) FROM (SELECT 1 FROM requests INDEXED BY ${ident(c.index)} WHERE ${c.where} LIMIT ${cap + 1})`)!;
    if (rows <= cap && (!best || rows < best.rows)) best = { ...c, rows };
  }
  return best;
}

/** The smallest and largest rowid among the rows a narrow filter selects (read off its index). */
function rowidWindow(db: ReadableDB, n: Narrowest): { lo: number; hi: number } | null {
  const w = get<{ lo: number | null; hi: number | null }>(db, sql`SELECT min(rowid) AS lo, max(rowid) AS hi FROM requests INDEXED BY ${ident(n.index)} WHERE ${n.where}`)!;
  return w.lo === null || w.hi === null ? null : { lo: w.lo, hi: w.hi };
}

const columns = (ctx: AuthedReadContext) => sql`r.id, r.number, r.channel, r.request_type AS requestType, r.state, r.state_since AS stateSince, r.created_at AS createdAt, r.employer_ruc AS employerRuc,
  r.employer_legal_name AS employerLegalName, r.representative_names AS representativeNames, r.clerk_id AS clerkId,
  coalesce(u.display_name, m.clerk_name) AS clerkName, r.station, ${workingColumn(ctx)} AS working`;

export const searchHandlers: Pick<HandlersOf<'supervisor'>, 'search.requests' | 'search.desks'> = {
  'search.desks': (_input, ctx) => {
    const db = ctx.db;
    const agency = ctx.actor.agencyId;
    // The distinct stations, one index seek each (a skip scan over requests_agency_station): the
    // agency has at most 99, a million requests would otherwise be read to list them.
    const stations = pluck<string>(
      db,
      sql`WITH RECURSIVE s(station) AS (
           SELECT min(station) FROM requests WHERE agency_id = ${agency} AND station IS NOT NULL
           UNION ALL SELECT (SELECT min(station) FROM requests WHERE agency_id = ${agency} AND station > s.station) FROM s WHERE s.station IS NOT NULL)
         SELECT station FROM s WHERE station IS NOT NULL`,
    );
    const own = value<string | null>(db, sql`SELECT station_code FROM sync_state WHERE id = 1`);
    if (own && !stations.includes(own)) stations.push(own);
    return { items: stations.sort().map((station) => ({ station, label: deskLabel(station), own: station === own })) };
  },

  'search.requests': ({ text, from, to, clerkId, station, state, requestType, sort, cursor, limit }, ctx) => {
    const db = ctx.db;
    const agency = ctx.actor.agencyId;
    const where: Sql[] = [sql`r.agency_id = ${agency}`];
    const filters: Filters = {};
    if (from) where.push(sql`r.created_at >= ${(filters.from = dayStart(from))}`);
    if (to) where.push(sql`r.created_at < ${(filters.to = dayEnd(to))}`);
    if (clerkId) where.push(sql`r.clerk_id = ${(filters.clerk = clerkId)}`);
    if (state) where.push(sql`r.state = ${(filters.state = state)}`);
    if (station) where.push(sql`r.station = ${(filters.station = station)}`);
    if (requestType) where.push(sql`r.request_type = ${(filters.requestType = requestType)}`);
    const years = () => pluck<number>(db, sql`SELECT DISTINCT year FROM request_counters WHERE agency_id = ${agency} ORDER BY year`);
    const condition = text ? textConditions(text, { agencyCode: ctx.actor.agencyCode, years }) : null;
    // The identifiers' conditions first, as before the filters: the planner reads them first.
    where.splice(1, 0, ...(condition?.columns ?? []));
    const desc = sort === 'recientes';
    const dir = desc ? sql`DESC` : sql`ASC`;
    ctx.audit.target('search');

    let names = condition?.names ? expandedNamesQuery(db, condition.names) : null;
    if (names === 'none') return { items: [], nextCursor: null };
    if (names !== null && condition!.columns.length > 0) {
      // Names with an identifier: the identifier's column selects a handful of rows, each
      // checked against the names by a seek into the index (FTS5 takes the rowid constraint).
      where.push(sql`EXISTS (SELECT 1 FROM requests_fts WHERE requests_fts MATCH ${names} AND requests_fts.rowid = r.rowid)`);
      names = null;
    }
    let source: Sql;
    let key: Sql;
    if (names !== null) {
      // Names are listed in the order requests were recorded at this desk (rowid): the FTS
      // index streams in that order, CROSS JOIN keeping it the outer loop. A narrow filter
      // (open states, a clerk's month...) bounds the walk to the rowids its rows span, which
      // FTS5 seeks to: otherwise "Muñoz, aprobadas, más antiguas" walks three years of Muñoz.
      // A type is checked on each name match by a seek into requests_agency_type (its key is
      // the expression below, then the rowid) before the row is read (CROSS JOIN: in this
      // order): a name the type has few or none of ("Andina" among contact updates: 35,000
      // matches on the demo database, none of them one) otherwise costs a read of every
      // matching row. The names index's order is kept, so a type as common as the names finds
      // its page as early as before.
      const typed = filters.requestType
        ? sql` CROSS JOIN requests t INDEXED BY requests_agency_type ON (t.agency_id || ' ' || t.request_type) = ${`${agency} ${filters.requestType}`} AND t.rowid = f.rowid`
        : empty;
      source = sql`requests_fts f${typed} CROSS JOIN requests r ON r.rowid = f.rowid`;
      key = sql`f.rowid`;
      where.push(sql`requests_fts MATCH ${names}`);
      const narrow = narrowestFilter(db, agency, filters, searchTuning.narrowRows);
      if (narrow) {
        const window = rowidWindow(db, narrow);
        if (!window) return { items: [], nextCursor: null };
        where.push(sql`f.rowid BETWEEN ${window.lo} AND ${window.hi}`);
      }
    } else {
      // By check-in time: the planner walks the created_at index (or the clerk's), or reads a
      // number, RUC or document off its own, and finds its rows early. Except the oldest first
      // of a state whose requests are all recent (the open states): three years of rows before
      // the first one. A narrow state is then read whole from its own index (INDEXED BY: the
      // planner cannot know how narrow it is) and sorted. A type other than the employer's, with
      // or without a state, is narrow in either order: a foreigner's registrations awaiting review
      // are a few dozen among a million, and walking the dates for them from either end reads
      // them all (the second page, the whole table).
      const byType = filters.requestType !== undefined;
      const narrow =
        !condition && (byType || (!desc && filters.state))
          ? narrowestFilter(
              db,
              agency,
              { ...(filters.state ? { state: filters.state } : {}), ...(byType ? { requestType: filters.requestType } : {}) },
              // A type alone is read whole only when rare (a walk finds 50 of a 2 % type within 2,500 rows).
              byType && !filters.state ? searchTuning.typeRows : searchTuning.sortRows,
            )
          : null;
      source = narrow ? sql`requests r INDEXED BY ${ident(narrow.index)}` : sql`requests r`;
      key = sql`r.created_at`;
    }
    if (cursor) {
      const { at, id } = decodeCursor(cursor);
      if (names !== null) where.push(desc ? sql`f.rowid < ${at}` : sql`f.rowid > ${at}`);
      else where.push(desc ? sql`(r.created_at < ${at} OR (r.created_at = ${at} AND r.id < ${id}))` : sql`(r.created_at > ${at} OR (r.created_at = ${at} AND r.id > ${id}))`);
    }
    const rows = all<Omit<Found, 'working'> & { sortKey: number; working: string | null }>(
      db,
      sql`SELECT ${columns(ctx)}, ${key} AS sortKey FROM ${source} LEFT JOIN users u ON u.id = r.clerk_id LEFT JOIN sync_mirrors m ON m.request_id = r.id
         WHERE ${join(where, ' AND ')} ORDER BY ${key} ${dir}${names === null ? sql`, r.id ${dir}` : empty} LIMIT ${limit + 1}`,
    );
    const items = rows.slice(0, limit).map(({ sortKey: _sortKey, working, ...item }) => ({ ...item, working: parseWorking(working) }));
    const last = rows[Math.min(rows.length, limit) - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.sortKey, id: last.id }) : null };
  },
};
