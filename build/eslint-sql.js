// SQL is built with the `sql` tag of db/sql.ts, never by splicing strings. Structurally: what is
// handed to better-sqlite3's `.prepare()`, `.exec()` or `.pragma()` must be text written whole in
// the source (a string literal, a template literal without `${…}`, or a `const` holding one), and
// sync's statement cache `prepared(connection, text)` takes that or a `sql` fragment. Anything
// else (a cast, `String.raw`, `.join('')`, `.concat`, `||`, a `let`, a parameter) is refused, so
// no way of building the text has to be foreseen. The methods are refused when reached any other
// way than a direct call (`db['prepare']` with a literal key counts as direct): `.call`, `.apply`,
// `.bind` or an alias would carry any text past the check. Also refused: drizzle's `sql.raw`
// (takes any string), `new Sql(…)` (sql-template-tag's class, which takes raw text) and a
// `join()` of db/sql.ts whose separator is not a string literal. The caches that turn an `Sql`
// into a statement (db/sql.ts, electron/core/sync/statements.ts) are outside the rule
// (eslint.config.js). `.exec` on a regular expression (a regex literal, a `const` holding one,
// `new RegExp`) is RegExp's and is left alone.
const METHODS = new Set(['prepare', 'exec', 'pragma']);

/** The variable an identifier names, from the innermost scope outwards. */
function variableOf(context, node) {
  let scope = context.sourceCode.getScope(node);
  while (scope) {
    const variable = scope.set.get(node.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return null;
}

/** A `const` declaration's initialiser, or null (let, var, a parameter, an import). */
function constInit(context, node) {
  const variable = variableOf(context, node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (!def || def.type !== 'Variable' || def.parent?.kind !== 'const' || def.node.id.type !== 'Identifier') return null;
  return def.node.init;
}

/** Text written whole in the source: a literal, a template without `${…}`, or a const holding one. */
function fixedText(context, node, seen = new Set()) {
  if (!node) return false;
  if (node.type === 'Literal') return typeof node.value === 'string';
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'Identifier' && !seen.has(node.name)) {
    seen.add(node.name);
    return fixedText(context, constInit(context, node), seen);
  }
  return false;
}

/** A `sql` fragment of db/sql.ts: a sql`…` template (its `${…}` are bound), or a const holding one. */
function sqlFragment(context, node, seen = new Set()) {
  if (!node) return false;
  if (node.type === 'TaggedTemplateExpression') return node.tag.type === 'Identifier' && node.tag.name === 'sql' && importedFromDbSql(context, node.tag);
  if (node.type === 'Identifier' && !seen.has(node.name)) {
    seen.add(node.name);
    return sqlFragment(context, constInit(context, node), seen);
  }
  return false;
}

function importedFromDbSql(context, identifier) {
  const def = variableOf(context, identifier)?.defs[0];
  return def?.type === 'ImportBinding' && /(^|\/)db\/sql$/.test(def.parent.source.value);
}

/** The text a const holds when it is a string literal, else null. */
function constText(context, identifier) {
  let init = constInit(context, identifier);
  // `'prepare' as const` / `<const>'prepare'` / `'prepare' satisfies …` name the method all the same.
  while (init && (init.type === 'TSAsExpression' || init.type === 'TSTypeAssertion' || init.type === 'TSSatisfiesExpression')) init = init.expression;
  return init?.type === 'Literal' && typeof init.value === 'string' ? init.value : null;
}

/** `{ prepare }` / `{ exec: run }` in a destructuring pattern: the method taken off the connection. */
function destructuredMethod(pattern) {
  if (pattern?.type !== 'ObjectPattern') return null;
  for (const p of pattern.properties) {
    if (p.type !== 'Property') continue;
    const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? p.key.value : null;
    if (METHODS.has(key)) return p;
  }
  return null;
}

function isRegExp(context, node) {
  if (node.type === 'Literal' && node.regex) return true;
  if (node.type === 'NewExpression' || node.type === 'CallExpression') return node.callee.type === 'Identifier' && node.callee.name === 'RegExp';
  if (node.type === 'Identifier') {
    const init = constInit(context, node);
    return init ? isRegExp(context, init) : false;
  }
  return false;
}

/** The method a member expression names: `.prepare` or `['prepare']`; null for anything else. */
function methodName(member) {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.computed && member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  if (member.computed && member.property.type === 'TemplateLiteral' && member.property.expressions.length === 0) return member.property.quasis[0].value.cooked;
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL text passed to prepare()/exec()/pragma() is written whole in the source' },
    messages: {
      built: 'SQL passed to .{{method}}() must be written whole in the source (a string literal, a template without ${…}, or a const holding one): build statements with the `sql` tag of db/sql.ts (values become bound parameters; identifiers through ident()).',
      indirect: '.{{method}}() reached indirectly (.call, .apply, .bind, an alias): call it directly with SQL written in the source, or use the `sql` tag of db/sql.ts.',
      computed: 'A database method looked up by a computed name: call .prepare()/.exec()/.pragma() directly, or use the `sql` tag of db/sql.ts.',
      raw: "drizzle's sql.raw() takes any string as SQL: use the `sql` tag of db/sql.ts (identifiers through ident()).",
      sqlClass: 'new Sql(…) takes raw statement text: use the `sql` tag of db/sql.ts.',
      separator: 'join() separator must be a string literal (db/sql.ts allows , / AND / OR / UNION ALL): use the `sql` tag of db/sql.ts.',
      fragmentText: "A sql fragment's statement text (.strings, .constructor) is not touched outside db/sql.ts: build statements with the `sql` tag.",
      reflected: 'A database method reached through Reflect: call .prepare()/.exec()/.pragma() directly, or use the `sql` tag of db/sql.ts.',
    },
    schema: [],
  },
  create(context) {
    const checkText = (arg, method, allowFragment) => {
      if (fixedText(context, arg) || (allowFragment && sqlFragment(context, arg))) return;
      context.report({ node: arg ?? context.sourceCode.ast, messageId: 'built', data: { method } });
    };
    return {
      // const { exec } = db; ({ prepare }) => prepare(text): the method taken off the connection.
      ObjectPattern(node) {
        const p = destructuredMethod(node);
        if (p) context.report({ node: p, messageId: 'indirect', data: { method: p.key.name ?? p.key.value } });
      },
      MemberExpression(node) {
        const name = methodName(node);
        // q.strings[0] = …, q.strings.splice(…), new (q.constructor)(…): a fragment's text rewritten.
        if (name === 'strings' || (name === 'constructor' && node.object.type !== 'ThisExpression')) {
          context.report({ node, messageId: 'fragmentText' });
          return;
        }
        if (name === 'raw' && ((node.object.type === 'Identifier' && node.object.name === 'sql') || (node.object.type === 'MemberExpression' && methodName(node.object) === 'sql'))) {
          context.report({ node, messageId: 'raw' });
          return;
        }
        // db[m](…) where m is a const naming one of them is the method too; a key computed at
        // run time cannot be told from indexing a record here (the types say it: see db/sql.ts).
        const key = name ?? (node.computed && node.property.type === 'Identifier' ? constText(context, node.property) : null);
        if (!METHODS.has(key)) return;
        if (name === null) {
          context.report({ node, messageId: 'computed' });
          return;
        }
        if (name === 'exec' && isRegExp(context, node.object)) return;
        const parent = node.parent;
        if (parent.type === 'CallExpression' && parent.callee === node) {
          checkText(parent.arguments[0], name, false);
          return;
        }
        // db.prepare.call(db, text) / .apply / .bind, or `const p = db.prepare`: refused whole.
        context.report({ node, messageId: 'indirect', data: { method: name } });
      },
      CallExpression(node) {
        const callee = node.callee;
        // Reflect.get(db, 'exec') / Reflect.apply(…): the method without a member expression naming it.
        if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Reflect') {
          const key = node.arguments[1];
          const named = key?.type === 'Literal' ? key.value : key?.type === 'Identifier' ? constText(context, key) : undefined;
          if (methodName(callee) === 'get' && (METHODS.has(named) || named === undefined || named === null)) context.report({ node, messageId: 'reflected' });
        }
        // sync's statement cache, electron/core/sync/statements.ts: prepared(sqlite, text).
        if (callee.type === 'Identifier' && callee.name === 'prepared') checkText(node.arguments[1], 'prepared', true);
        // db/sql.ts's join(values, separator): the separator is statement text.
        if (callee.type === 'Identifier' && callee.name === 'join' && importedFromDbSql(context, callee) && node.arguments.length > 1) {
          const sep = node.arguments[1];
          if (!(sep.type === 'Literal' && typeof sep.value === 'string')) context.report({ node: sep, messageId: 'separator' });
        }
      },
      NewExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'Sql') context.report({ node, messageId: 'sqlClass' });
      },
    };
  },
};

/**
 * `$client`, drizzle's raw better-sqlite3 connection under a Db, is reached only in db/ (which
 * opens connections and builds the typed handles over them): anywhere in electron/ it would be a
 * write past a call's one transaction and its audit entry (electron/core/registry.ts ctx.write).
 * A call's ctx.db has no `$client` by type (db/open.ts ReadDb); this catches a cast that brings it
 * back, in every spelling that names it: `db.$client`, `db['$client']`, `const { $client } = db`,
 * `Reflect.get(db, '$client')`, a key built from pieces (`'$cli' + 'ent'`), drizzle's `db.session.client`,
 * and `connectionOf(x as Db)`. Code holding the whole Db (the background services, start-up)
 * asks db/open.ts's connectionOf(), which a ReadDb cannot be given.
 */
/**
 * The string an expression always evaluates to when it is built from pieces written in the
 * source (`'$cli' + 'ent'`, `${'$'}client`, a const holding either); undefined otherwise.
 */
function foldedText(context, node, seen = new Set()) {
  if (!node) return undefined;
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TSAsExpression' || node.type === 'TSTypeAssertion' || node.type === 'TSSatisfiesExpression') return foldedText(context, node.expression, seen);
  if (node.type === 'TemplateLiteral') {
    let out = node.quasis[0].value.cooked;
    for (let i = 0; i < node.expressions.length; i++) {
      const part = foldedText(context, node.expressions[i], seen);
      if (part === undefined) return undefined;
      out += part + node.quasis[i + 1].value.cooked;
    }
    return out;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = foldedText(context, node.left, seen);
    const right = left === undefined ? undefined : foldedText(context, node.right, seen);
    return right === undefined ? undefined : left + right;
  }
  if (node.type === 'Identifier' && !seen.has(node.name)) {
    seen.add(node.name);
    return foldedText(context, constInit(context, node), seen);
  }
  return undefined;
}

/** The name a member expression's property spells: `.x`, `['x']`, or a key folded from pieces. */
function propertyName(context, member) {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  return member.computed ? foldedText(context, member.property) : undefined;
}

const TS_CASTS = new Set(['TSAsExpression', 'TSTypeAssertion', 'TSSatisfiesExpression', 'TSNonNullExpression']);

const rawConnection = {
  meta: {
    type: 'problem',
    messages: {
      raw: 'The raw connection ($client) is reached only in db/: write inside ctx.write(fn) with the WriteDb it hands fn, read with ctx.db and the read helpers of db/sql.ts; code holding the whole Db uses connectionOf() of db/open.ts.',
    },
    schema: [],
  },
  create(context) {
    return {
      Identifier(node) {
        if (node.name === '$client') context.report({ node, messageId: 'raw' });
      },
      Literal(node) {
        if (node.value === '$client') context.report({ node, messageId: 'raw' });
      },
      TemplateElement(node) {
        if (node.value.cooked === '$client') context.report({ node, messageId: 'raw' });
      },
      // The name built from pieces: `'$cli' + 'ent'`, `${'$'}client` (each spelled whole above).
      BinaryExpression(node) {
        if (node.parent?.type !== 'BinaryExpression' && foldedText(context, node) === '$client') context.report({ node, messageId: 'raw' });
      },
      TemplateLiteral(node) {
        if (node.expressions.length > 0 && foldedText(context, node) === '$client') context.report({ node, messageId: 'raw' });
      },
      // drizzle's session holds the same connection as `client`: `db.session.client`.
      MemberExpression(node) {
        if (propertyName(context, node) === 'client' && node.object.type === 'MemberExpression' && propertyName(context, node.object) === 'session') context.report({ node, messageId: 'raw' });
      },
      // connectionOf() takes the whole Db a host opened; a handler's ReadDb reaches it only by a cast.
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'connectionOf' && node.arguments[0] && TS_CASTS.has(node.arguments[0].type)) context.report({ node, messageId: 'raw' });
      },
    };
  },
};

export const sqlPlugin = { rules: { 'no-built-sql': rule, 'no-raw-connection': rawConnection } };
