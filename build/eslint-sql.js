// SQL is built with the `sql` tag of db/sql.ts, never by splicing strings: this rule fails on a
// template literal with `${…}` or a `+` concatenation handed to better-sqlite3's `.prepare()`,
// `.exec()` or `.pragma()` (or sync's `prepared()`), directly or through a local variable
// initialised with one. (A statement text read from a parameter is not followed: db/sql.ts's
// helpers take `Sql` objects, which the compiler checks.) `.exec` on a regular-expression
// literal is RegExp's and is left alone.
const built = (node) =>
  (node?.type === 'TemplateLiteral' && node.expressions.length > 0) ||
  (node?.type === 'BinaryExpression' && node.operator === '+') ||
  (node?.type === 'ConditionalExpression' && (built(node.consequent) || built(node.alternate)));

function builtVariable(context, node) {
  if (node.type !== 'Identifier') return false;
  let scope = context.sourceCode.getScope(node);
  while (scope) {
    const variable = scope.set.get(node.name);
    if (variable) return variable.defs.some((d) => d.type === 'Variable' && built(d.node.init));
    scope = scope.upper;
  }
  return false;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL text passed to prepare()/exec() is not built by interpolation or concatenation' },
    messages: {
      built: "SQL built by interpolation or concatenation passed to .{{method}}(): write it with the `sql` tag of db/sql.ts (values become bound parameters; identifiers through ident()).",
    },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        // sync's statement cache, electron/core/sync/statements.ts: prepared(sqlite, text).
        if (callee.type === 'Identifier' && callee.name === 'prepared') {
          const arg = node.arguments[1];
          if (built(arg) || builtVariable(context, arg)) context.report({ node: arg, messageId: 'built', data: { method: 'prepared' } });
          return;
        }
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (method !== 'prepare' && method !== 'exec' && method !== 'pragma') return;
        if (method === 'exec' && callee.object.type === 'Literal' && callee.object.regex) return;
        const arg = node.arguments[0];
        if (built(arg) || builtVariable(context, arg)) context.report({ node: arg, messageId: 'built', data: { method } });
      },
    };
  },
};

export const sqlPlugin = { rules: { 'no-built-sql': rule } };
