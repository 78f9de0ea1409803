// The supervisor's decisions: approve (one or several after viewing each), return, reject,
// reassign. Every decision goes through the same lifecycle rules as the counter's.
import { applyEvent, type RequestEvent, type RequestState } from '../../../shared/domain/lifecycle';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import type { Handlers } from '../registry';
import { appendOutbox, attentionDateOf, bumpVersion, loadChecklist, loadRequest, readinessOf } from '../counter/store';

interface DecisionInput {
  id: string;
  version: number;
  reasonCode?: string;
  note?: string;
}

function decide(ctx: AuthedContext, event: RequestEvent, input: DecisionInput): { version: number; state: RequestState } {
  const req = loadRequest(ctx, input.id);
  if (req.version !== input.version) {
    throw new CallFailure('conflict', `La solicitud ${req.number} cambió mientras la revisaba. Ábrala de nuevo antes de decidir.`);
  }
  // Four eyes: supervisors may attend at a counter, but never approve what they attended.
  if (event === 'aprobar' && req.clerkId === ctx.actor.userId) {
    throw new CallFailure('forbidden', `${req.number}: usted atendió esta solicitud; debe aprobarla otro supervisor.`);
  }
  const sqlite = ctx.db.$client;
  const moved = applyEvent(req.state, event, {
    actor: ctx.actor.role,
    channel: req.channel,
    attentionDate: attentionDateOf(ctx),
    ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
    ...(input.note ? { note: input.note } : {}),
    readiness: readinessOf(req, loadChecklist(sqlite, req.id)),
  });
  if (!moved.ok) throw new CallFailure('conflict', `${req.number}: ${moved.errors.map((e) => e.message).join(' ')}`);
  const now = ctx.clock.now();
  const version = ctx.write(() => {
    const v = bumpVersion(sqlite, req, now);
    sqlite.prepare('UPDATE requests SET state = ?, state_since = ? WHERE id = ?').run(moved.to, now, req.id);
    if (input.reasonCode || input.note) {
      sqlite.prepare('INSERT INTO request_decisions (request_id, at, actor_id, event, reason_code, note) VALUES (?, ?, ?, ?, ?, ?)').run(req.id, now, ctx.actor.userId, event, input.reasonCode ?? null, input.note ?? null);
    }
    appendOutbox(sqlite, { agencyId: req.agencyId, requestId: req.id, type: 'request.transition', payload: { event, from: req.state, to: moved.to, at: now, reasonCode: input.reasonCode ?? null, note: input.note ?? null }, now });
    return v;
  });
  return { version, state: moved.to };
}

/** Bulk approval is for requests the supervisor actually opened since their last change (#10208's lesson: no blind approvals). */
function viewedSinceLastChange(ctx: AuthedContext, id: string): boolean {
  const row = ctx.db.$client
    .prepare(
      `SELECT 1 FROM audit_log a JOIN requests r ON r.id = ? WHERE a.target = 'request:' || r.id AND a.call = 'requests.get'
       AND a.actor_id = ? AND a.outcome = 'ok' AND a.at >= r.updated_at LIMIT 1`,
    )
    .get(id, ctx.actor.userId);
  return row !== undefined;
}

export const reviewHandlers: Pick<Handlers, 'review.approve' | 'review.bulkApprove' | 'review.return' | 'review.reject' | 'review.reassign' | 'review.clerks'> = {
  'review.approve': (input, ctx) => decide(ctx, 'aprobar', input),

  'review.bulkApprove': ({ items }, ctx) => {
    ctx.audit.target(`requests:${items.map((i) => i.id).join(',')}`.slice(0, 500));
    const results = items.map((item) => {
      try {
        if (!viewedSinceLastChange(ctx, item.id)) {
          return { id: item.id, ok: false, message: 'Ábrala y revísela antes de aprobarla en lote.', state: null };
        }
        const done = decide(ctx, 'aprobar', item);
        return { id: item.id, ok: true, message: 'Aprobada.', state: done.state };
      } catch (err) {
        if (err instanceof CallFailure) return { id: item.id, ok: false, message: err.message, state: null };
        throw err;
      }
    });
    return { results };
  },

  'review.return': (input, ctx) => decide(ctx, 'devolver', input),
  'review.reject': (input, ctx) => decide(ctx, 'rechazar', input),

  'review.reassign': ({ id, version, clerkId }, ctx) => {
    const req = loadRequest(ctx, id);
    if (req.version !== version) throw new CallFailure('conflict', 'La solicitud cambió mientras la revisaba. Ábrala de nuevo.');
    const clerk = ctx.db.$client.prepare("SELECT id FROM users WHERE id = ? AND agency_id = ? AND role = 'ventanillero' AND disabled = 0").get(clerkId, ctx.actor.agencyId);
    if (!clerk) throw new CallFailure('invalid_input', 'Seleccione un ventanillero habilitado de esta agencia.');
    const now = ctx.clock.now();
    const next = ctx.write(() => {
      const v = bumpVersion(ctx.db.$client, req, now);
      ctx.db.$client.prepare('UPDATE requests SET clerk_id = ? WHERE id = ?').run(clerkId, id);
      return v;
    });
    return { version: next };
  },

  'review.clerks': (_input, ctx) => ({
    items: ctx.db.$client
      .prepare("SELECT id, display_name AS displayName FROM users WHERE agency_id = ? AND role = 'ventanillero' AND disabled = 0 ORDER BY display_name")
      .all(ctx.actor.agencyId) as { id: string; displayName: string }[],
  }),
};
