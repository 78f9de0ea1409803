-- The per-day figures (0012_daily_figures) follow a request that changes agency as well as clerk:
-- its check-in, decisions, prints and reasons move from the old agency and clerk to the new ones
-- (a record corrected into the agency it belongs to). An event counts in its request's agency
-- (the outbox row's own agency only for a request this desk does not hold). A walk-in changed in
-- the same UPDATE as a move is counted once. Definitions as one full count: db/figures.ts.
DROP TRIGGER `figures_request_reassign`;
--> statement-breakpoint
DROP TRIGGER `figures_request_walk_in`;
--> statement-breakpoint
DROP TRIGGER `figures_event`;
--> statement-breakpoint
CREATE TRIGGER `figures_request_walk_in` AFTER UPDATE OF walk_in_reason ON `requests`
  WHEN (old.walk_in_reason IS NULL) <> (new.walk_in_reason IS NULL) AND old.clerk_id IS new.clerk_id AND old.agency_id IS new.agency_id
BEGIN
  UPDATE `daily_figures` SET walk_ins = walk_ins + (CASE WHEN new.walk_in_reason IS NULL THEN -1 ELSE 1 END)
    WHERE agency_id = new.agency_id AND day = date((new.created_at - 18000000) / 1000, 'unixepoch') AND clerk_id = coalesce(new.clerk_id, '') AND channel = new.channel;
END;
--> statement-breakpoint
CREATE TRIGGER `figures_request_move` AFTER UPDATE OF clerk_id, agency_id ON `requests` WHEN old.clerk_id IS NOT new.clerk_id OR old.agency_id IS NOT new.agency_id
BEGIN
  INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, received, walk_ins, submitted, approved, returned, rejected, printed, reprinted)
    SELECT k.agency, c.day, k.clerk, new.channel, k.sign * sum(c.received), k.sign * sum(c.received * k.walk), k.sign * sum(c.submitted), k.sign * sum(c.approved),
           k.sign * sum(c.returned), k.sign * sum(c.rejected), k.sign * sum(c.printed), k.sign * sum(c.reprinted)
    FROM (
      SELECT date((new.created_at - 18000000) / 1000, 'unixepoch') AS day, 1 AS received,
             0 AS submitted, 0 AS approved, 0 AS returned, 0 AS rejected, 0 AS printed, 0 AS reprinted
      UNION ALL
      SELECT date((o.created_at - 18000000) / 1000, 'unixepoch'), 0,
             o.e = 'enviar_a_revision' AND NOT EXISTS (SELECT 1 FROM `outbox` f WHERE f.request_id = new.id AND f.type = 'request.transition' AND f.seq < o.seq AND json_extract(f.payload, '$.event') = 'enviar_a_revision'),
             o.e = 'aprobar', o.e = 'devolver', o.e = 'rechazar', 0, 0
      FROM (SELECT seq, created_at, json_extract(payload, '$.event') AS e FROM `outbox` WHERE request_id = new.id AND type = 'request.transition') o
      WHERE o.e IN ('enviar_a_revision', 'aprobar', 'devolver', 'rechazar')
      UNION ALL
      SELECT date((p.at - 18000000) / 1000, 'unixepoch'), 0, 0, 0, 0, 0, p.reprint = 0, p.reprint = 1 FROM `form_prints` p WHERE p.request_id = new.id AND p.kind = 'solicitud'
    ) c
    CROSS JOIN (
      SELECT new.agency_id AS agency, coalesce(new.clerk_id, '') AS clerk, 1 AS sign, new.walk_in_reason IS NOT NULL AS walk
      UNION ALL SELECT old.agency_id, coalesce(old.clerk_id, ''), -1, old.walk_in_reason IS NOT NULL
    ) k
    WHERE true
    GROUP BY k.agency, c.day, k.clerk
    ON CONFLICT (agency_id, day, clerk_id, channel) DO UPDATE SET
      received = received + excluded.received, walk_ins = walk_ins + excluded.walk_ins, submitted = submitted + excluded.submitted,
      approved = approved + excluded.approved, returned = returned + excluded.returned, rejected = rejected + excluded.rejected,
      printed = printed + excluded.printed, reprinted = reprinted + excluded.reprinted;
END;
--> statement-breakpoint
CREATE TRIGGER `figures_request_move_agency` AFTER UPDATE OF agency_id ON `requests` WHEN old.agency_id IS NOT new.agency_id
BEGIN
  INSERT INTO `daily_reasons` (agency_id, day, event, reason_code, n)
    SELECT k.agency, date((d.at - 18000000) / 1000, 'unixepoch'), d.event, d.reason_code, k.sign * count(*)
    FROM `request_decisions` d CROSS JOIN (SELECT new.agency_id AS agency, 1 AS sign UNION ALL SELECT old.agency_id, -1) k
    WHERE d.request_id = new.id AND d.reason_code IS NOT NULL
    GROUP BY k.agency, 2, 3, 4
    ON CONFLICT (agency_id, day, event, reason_code) DO UPDATE SET n = n + excluded.n;
  UPDATE `request_milestones` SET agency_id = new.agency_id WHERE request_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `figures_event` AFTER INSERT ON `outbox`
  WHEN new.type = 'request.transition' AND json_extract(new.payload, '$.event') IN ('enviar_a_revision', 'aprobar', 'devolver', 'rechazar')
BEGIN
  INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, submitted, approved, returned, rejected)
    SELECT coalesce(r.agency_id, new.agency_id), date((new.created_at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), coalesce(r.channel, ''),
           x.e = 'enviar_a_revision' AND NOT EXISTS (SELECT 1 FROM `outbox` f WHERE f.request_id = new.request_id AND f.type = 'request.transition' AND f.seq < new.seq AND json_extract(f.payload, '$.event') = 'enviar_a_revision'),
           x.e = 'aprobar', x.e = 'devolver', x.e = 'rechazar'
    FROM (SELECT json_extract(new.payload, '$.event') AS e) x LEFT JOIN `requests` r ON r.id = new.request_id
    WHERE true
    ON CONFLICT (agency_id, day, clerk_id, channel) DO UPDATE SET
      submitted = submitted + excluded.submitted, approved = approved + excluded.approved, returned = returned + excluded.returned, rejected = rejected + excluded.rejected;
  UPDATE `request_milestones` SET
      to_submission = CASE WHEN json_extract(new.payload, '$.event') = 'enviar_a_revision' AND (to_submission IS NULL OR (new.created_at - created_at) / 60000.0 < to_submission)
                           THEN (new.created_at - created_at) / 60000.0 ELSE to_submission END,
      to_approval = CASE WHEN json_extract(new.payload, '$.event') = 'aprobar' AND (to_approval IS NULL OR (new.created_at - created_at) / 60000.0 < to_approval)
                         THEN (new.created_at - created_at) / 60000.0 ELSE to_approval END
    WHERE request_id = new.request_id;
END;
--> statement-breakpoint
-- Counted again, the events in their request's agency (for every request this desk holds, which
-- is every event it writes, the same figures as before).
DELETE FROM `daily_figures`;
--> statement-breakpoint
INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, received, walk_ins, submitted, approved, returned, rejected, printed, reprinted)
  SELECT agency_id, day, clerk_id, channel, sum(received), sum(walk_ins), sum(submitted), sum(approved), sum(returned), sum(rejected), sum(printed), sum(reprinted) FROM (
    SELECT agency_id, date((created_at - 18000000) / 1000, 'unixepoch') AS day, coalesce(clerk_id, '') AS clerk_id, channel, 1 AS received, walk_in_reason IS NOT NULL AS walk_ins,
           0 AS submitted, 0 AS approved, 0 AS returned, 0 AS rejected, 0 AS printed, 0 AS reprinted FROM `requests`
    UNION ALL
    SELECT coalesce(r.agency_id, o.agency_id), date((o.created_at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), coalesce(r.channel, ''), 0, 0,
           o.e = 'enviar_a_revision' AND o.seq = (SELECT min(f.seq) FROM `outbox` f WHERE f.request_id = o.request_id AND f.type = 'request.transition' AND json_extract(f.payload, '$.event') = 'enviar_a_revision'),
           o.e = 'aprobar', o.e = 'devolver', o.e = 'rechazar', 0, 0
    FROM (SELECT seq, agency_id, request_id, created_at, json_extract(payload, '$.event') AS e FROM `outbox` WHERE type = 'request.transition') o
    LEFT JOIN `requests` r ON r.id = o.request_id
    WHERE o.e IN ('enviar_a_revision', 'aprobar', 'devolver', 'rechazar')
    UNION ALL
    SELECT r.agency_id, date((p.at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), r.channel, 0, 0, 0, 0, 0, 0, p.reprint = 0, p.reprint = 1
    FROM `form_prints` p JOIN `requests` r ON r.id = p.request_id WHERE p.kind = 'solicitud'
  ) GROUP BY agency_id, day, clerk_id, channel;
