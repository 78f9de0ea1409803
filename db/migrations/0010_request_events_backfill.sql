-- Backfill of request_events (0009) from what earlier versions kept, so a desk upgraded with work
-- in progress keeps each request's history and bulk approval's "viewed" marks. Earlier versions
-- read the history off audit_log rows targeted at the request, matched by the call's name, with
-- the reason and note of each decision in request_decisions: the same reading is done here once.
-- The call names below are the ones those versions used; nothing reads audit_log this way after.
--
-- 1. What each call that acted on a request was, in the activities of shared/domain/request-history.ts;
--    `fixed` is the lifecycle event the call always meant, `deciding` the events its decision row may hold.
CREATE TEMP TABLE backfill_calls (call TEXT PRIMARY KEY, activity TEXT NOT NULL, fixed TEXT, deciding TEXT);
--> statement-breakpoint
INSERT INTO backfill_calls (call, activity, fixed, deciding) VALUES
  ('appointments.checkIn', 'turno_atendido', NULL, NULL),
  ('appointments.walkIn', 'atencion_sin_turno', NULL, NULL),
  ('requests.get', 'vista', NULL, NULL),
  ('requests.saveDraft', 'datos_guardados', NULL, NULL),
  ('requests.startVerification', 'verificacion_iniciada', NULL, ',iniciar_verificacion,corregir,'),
  ('requests.verifyDocument', 'documento_revisado', NULL, NULL),
  ('requests.markSignature', 'firma_marcada', NULL, NULL),
  ('requests.transition', 'cambio_estado', NULL, ',enviar_a_revision,rechazar,anular,'),
  ('attachments.add', 'escaneo_adjuntado', NULL, NULL),
  ('attachments.verifySignature', 'firma_electronica_consultada', NULL, NULL),
  ('forms.print', 'formularios_impresos', 'imprimir_formularios', NULL),
  ('forms.get', 'formularios_consultados', NULL, NULL),
  ('forms.sendToPrinter', 'formulario_enviado_impresora', NULL, NULL),
  ('forms.verifyQr', 'formulario_verificado_qr', NULL, NULL),
  ('review.scans', 'escaneos_revisados', NULL, NULL),
  ('review.approve', 'aprobada', 'aprobar', ',aprobar,'),
  ('review.bulkApprove', 'aprobada_en_lote', 'aprobar', ',aprobar,'),
  ('review.return', 'devuelta', 'devolver', ',devolver,'),
  ('review.reject', 'rechazada', 'rechazar', ',rechazar,'),
  ('review.reassign', 'reasignada', NULL, NULL);
--> statement-breakpoint
-- 2. Each audited call on a request, with its decision: written in the same transaction as its audit
--    entry, so the latest one of the same person and kind not after the entry, and after that
--    person's previous deciding entry on the request.
CREATE TEMP TABLE backfill_lines AS
SELECT a.seq, substr(a.target, 9) AS request_id, a.at, a.actor_id, c.activity, c.fixed, a.outcome,
  CASE WHEN a.outcome = 'ok' AND c.deciding IS NOT NULL THEN (
    SELECT d.id FROM request_decisions d
    WHERE d.request_id = substr(a.target, 9) AND d.actor_id = a.actor_id AND d.at <= a.at AND instr(c.deciding, ',' || d.event || ',') > 0
      AND d.at > coalesce((
        SELECT max(p.at) FROM audit_log p JOIN backfill_calls pc ON pc.call = p.call
        WHERE p.target = a.target AND p.actor_id = a.actor_id AND p.outcome = 'ok' AND pc.deciding IS NOT NULL AND p.seq < a.seq AND p.at < a.at
      ), -1)
    ORDER BY d.at DESC, d.id DESC LIMIT 1
  ) END AS decision_id
FROM audit_log a JOIN backfill_calls c ON c.call = a.call
WHERE a.target LIKE 'request:%';
--> statement-breakpoint
-- 3. What pulls brought: central's own decisions are their own lines, so each pull that carried one
--    is left out — the first pulls whose time has a central decision not yet accounted for.
CREATE TEMP TABLE backfill_pulls AS
SELECT a.seq, substr(a.target, 9) AS request_id, a.at, a.outcome,
  row_number() OVER (PARTITION BY a.target ORDER BY a.seq) AS n,
  (SELECT count(*) FROM request_decisions d WHERE d.request_id = substr(a.target, 9) AND d.actor_id = 'central' AND d.at <= a.at) AS decided
FROM audit_log a
WHERE a.call = 'sync.pull' AND a.target LIKE 'request:%';
--> statement-breakpoint
CREATE INDEX temp.backfill_pulls_walk ON backfill_pulls (request_id, n);
--> statement-breakpoint
CREATE TEMP TABLE backfill_told AS
WITH RECURSIVE walk (request_id, n, seq, told_before, told) AS (
  SELECT request_id, n, seq, 0, outcome = 'ok' AND decided > 0 FROM backfill_pulls WHERE n = 1
  UNION ALL
  SELECT p.request_id, p.n, p.seq, w.told_before + w.told, p.outcome = 'ok' AND w.told_before + w.told < p.decided
  FROM walk w JOIN backfill_pulls p ON p.request_id = w.request_id AND p.n = w.n + 1
)
SELECT seq FROM walk WHERE told;
--> statement-breakpoint
-- 4. The lines in the trail's order — with the e-signature verdicts an approval rested on, audited
--    as '<documentType>:<verdict>[:revocacion_no_comprobada][:excepcion]' — then the decisions no
--    call line holds (central's, another desk's, and approvals in a batch, audited against the batch).
INSERT INTO request_events (request_id, at, actor_id, activity, event, document_type, verdict, qualifier, decision_id, outcome)
SELECT request_id, at, actor_id, activity, event, document_type, verdict, qualifier, decision_id, outcome FROM (
  SELECT l.seq, l.request_id, l.at, l.actor_id, l.activity,
    CASE WHEN l.outcome = 'ok' THEN coalesce((SELECT d.event FROM request_decisions d WHERE d.id = l.decision_id), l.fixed) END AS event,
    NULL AS document_type, NULL AS verdict, NULL AS qualifier, l.decision_id, l.outcome
  FROM backfill_lines l
  UNION ALL
  SELECT p.seq, p.request_id, p.at, 'central', 'sincronizacion', NULL, NULL, NULL, NULL, NULL, p.outcome
  FROM backfill_pulls p WHERE p.seq NOT IN (SELECT seq FROM backfill_told)
  UNION ALL
  SELECT a.seq, substr(a.target, 9), a.at, a.actor_id, 'firma_electronica_verificada', NULL,
    substr(a.outcome, 1, instr(a.outcome, ':') - 1),
    CASE WHEN instr(substr(a.outcome, instr(a.outcome, ':') + 1), ':') > 0
      THEN substr(substr(a.outcome, instr(a.outcome, ':') + 1), 1, instr(substr(a.outcome, instr(a.outcome, ':') + 1), ':') - 1)
      ELSE substr(a.outcome, instr(a.outcome, ':') + 1) END,
    CASE WHEN a.outcome LIKE '%:excepcion' THEN 'excepcion' WHEN a.outcome LIKE '%:revocacion_no_comprobada%' THEN 'revocacion_no_comprobada' END,
    NULL, 'ok'
  FROM audit_log a WHERE a.call = 'signatures.verdict' AND a.target LIKE 'request:%'
) ORDER BY seq;
--> statement-breakpoint
INSERT INTO request_events (request_id, at, actor_id, activity, event, decision_id, outcome)
SELECT d.request_id, d.at, d.actor_id,
  CASE
    WHEN d.actor_id = 'central' THEN 'decision_iess'
    WHEN d.actor_id = 'otra_estacion' THEN 'decision_otra_estacion'
    WHEN d.event = 'aprobar' THEN 'aprobada_en_lote'
    WHEN d.event = 'devolver' THEN 'devuelta'
    WHEN d.event = 'rechazar' THEN 'rechazada'
    ELSE 'cambio_estado'
  END,
  d.event, d.id, 'ok'
FROM request_decisions d
WHERE d.id NOT IN (SELECT decision_id FROM request_events WHERE decision_id IS NOT NULL)
ORDER BY d.at, d.id;
--> statement-breakpoint
DROP TABLE backfill_told;
--> statement-breakpoint
DROP TABLE backfill_pulls;
--> statement-breakpoint
DROP TABLE backfill_lines;
--> statement-breakpoint
DROP TABLE backfill_calls;
