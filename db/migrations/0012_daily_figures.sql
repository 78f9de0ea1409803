CREATE TABLE `daily_figures` (
	`agency_id` text NOT NULL,
	`day` text NOT NULL,
	`clerk_id` text NOT NULL,
	`channel` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`walk_ins` integer DEFAULT 0 NOT NULL,
	`submitted` integer DEFAULT 0 NOT NULL,
	`approved` integer DEFAULT 0 NOT NULL,
	`returned` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`printed` integer DEFAULT 0 NOT NULL,
	`reprinted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`agency_id`, `day`, `clerk_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `daily_reasons` (
	`agency_id` text NOT NULL,
	`day` text NOT NULL,
	`event` text NOT NULL,
	`reason_code` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`agency_id`, `day`, `event`, `reason_code`)
);
--> statement-breakpoint
CREATE TABLE `request_milestones` (
	`request_id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`to_submission` real,
	`to_approval` real
);
--> statement-breakpoint
CREATE INDEX `request_milestones_agency_created` ON `request_milestones` (`agency_id`,`created_at`,`to_submission`,`to_approval`);--> statement-breakpoint
-- Written by hand below the generated statements: the triggers that keep the figures, in the
-- transaction of the change that moves them, so no writer (counter, review, sync, retention) can
-- forget them; then the first full count. Ecuador day of a ms timestamp:
-- date((t - 18000000) / 1000, 'unixepoch') (UTC-5, shared/domain/dates.ts ECUADOR_OFFSET_MS).
-- The same definitions, as one full count, are in db/figures.ts (recountFigures), which the
-- tests compare with what the triggers keep. Decisions are the desk's lifecycle events in
-- `outbox` (type request.transition), as the dashboard and the end-of-day report counted them.
CREATE TRIGGER `figures_request_insert` AFTER INSERT ON `requests`
BEGIN
  INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, received, walk_ins)
    VALUES (new.agency_id, date((new.created_at - 18000000) / 1000, 'unixepoch'), coalesce(new.clerk_id, ''), new.channel, 1, new.walk_in_reason IS NOT NULL)
    ON CONFLICT (agency_id, day, clerk_id, channel) DO UPDATE SET received = received + 1, walk_ins = walk_ins + excluded.walk_ins;
  INSERT INTO `request_milestones` (request_id, agency_id, created_at) SELECT new.id, new.agency_id, new.created_at WHERE new.channel = 'presencial';
END;
--> statement-breakpoint
CREATE TRIGGER `figures_request_walk_in` AFTER UPDATE OF walk_in_reason ON `requests` WHEN (old.walk_in_reason IS NULL) <> (new.walk_in_reason IS NULL)
BEGIN
  UPDATE `daily_figures` SET walk_ins = walk_ins + (CASE WHEN new.walk_in_reason IS NULL THEN -1 ELSE 1 END)
    WHERE agency_id = new.agency_id AND day = date((new.created_at - 18000000) / 1000, 'unixepoch') AND clerk_id = coalesce(new.clerk_id, '') AND channel = new.channel;
END;
--> statement-breakpoint
-- A reassignment moves the request's whole contribution (its check-in, its decisions, its
-- prints) from the old clerk to the new one: per-clerk figures are by the request's clerk.
CREATE TRIGGER `figures_request_reassign` AFTER UPDATE OF clerk_id ON `requests` WHEN old.clerk_id IS NOT new.clerk_id
BEGIN
  INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, received, walk_ins, submitted, approved, returned, rejected, printed, reprinted)
    SELECT new.agency_id, c.day, k.clerk, new.channel, k.sign * sum(c.received), k.sign * sum(c.walk_ins), k.sign * sum(c.submitted), k.sign * sum(c.approved),
           k.sign * sum(c.returned), k.sign * sum(c.rejected), k.sign * sum(c.printed), k.sign * sum(c.reprinted)
    FROM (
      SELECT date((new.created_at - 18000000) / 1000, 'unixepoch') AS day, 1 AS received, new.walk_in_reason IS NOT NULL AS walk_ins,
             0 AS submitted, 0 AS approved, 0 AS returned, 0 AS rejected, 0 AS printed, 0 AS reprinted
      UNION ALL
      SELECT date((o.created_at - 18000000) / 1000, 'unixepoch'), 0, 0,
             o.e = 'enviar_a_revision' AND NOT EXISTS (SELECT 1 FROM `outbox` f WHERE f.request_id = new.id AND f.type = 'request.transition' AND f.seq < o.seq AND json_extract(f.payload, '$.event') = 'enviar_a_revision'),
             o.e = 'aprobar', o.e = 'devolver', o.e = 'rechazar', 0, 0
      FROM (SELECT seq, created_at, json_extract(payload, '$.event') AS e FROM `outbox` WHERE request_id = new.id AND type = 'request.transition') o
      WHERE o.e IN ('enviar_a_revision', 'aprobar', 'devolver', 'rechazar')
      UNION ALL
      SELECT date((p.at - 18000000) / 1000, 'unixepoch'), 0, 0, 0, 0, 0, 0, p.reprint = 0, p.reprint = 1 FROM `form_prints` p WHERE p.request_id = new.id AND p.kind = 'solicitud'
    ) c
    CROSS JOIN (SELECT coalesce(new.clerk_id, '') AS clerk, 1 AS sign UNION ALL SELECT coalesce(old.clerk_id, ''), -1) k
    WHERE true
    GROUP BY c.day, k.clerk
    ON CONFLICT (agency_id, day, clerk_id, channel) DO UPDATE SET
      received = received + excluded.received, walk_ins = walk_ins + excluded.walk_ins, submitted = submitted + excluded.submitted,
      approved = approved + excluded.approved, returned = returned + excluded.returned, rejected = rejected + excluded.rejected,
      printed = printed + excluded.printed, reprinted = reprinted + excluded.reprinted;
END;
--> statement-breakpoint
CREATE TRIGGER `figures_event` AFTER INSERT ON `outbox`
  WHEN new.type = 'request.transition' AND json_extract(new.payload, '$.event') IN ('enviar_a_revision', 'aprobar', 'devolver', 'rechazar')
BEGIN
  INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, submitted, approved, returned, rejected)
    SELECT new.agency_id, date((new.created_at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), coalesce(r.channel, ''),
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
CREATE TRIGGER `figures_print` AFTER INSERT ON `form_prints` WHEN new.kind = 'solicitud'
BEGIN
  INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, printed, reprinted)
    SELECT r.agency_id, date((new.at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), r.channel, new.reprint = 0, new.reprint = 1 FROM `requests` r WHERE r.id = new.request_id
    ON CONFLICT (agency_id, day, clerk_id, channel) DO UPDATE SET printed = printed + excluded.printed, reprinted = reprinted + excluded.reprinted;
END;
--> statement-breakpoint
-- A copy of a request of another desk has its prints rewritten with every relay (sync/record.ts).
CREATE TRIGGER `figures_print_delete` AFTER DELETE ON `form_prints` WHEN old.kind = 'solicitud'
BEGIN
  INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, printed, reprinted)
    SELECT r.agency_id, date((old.at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), r.channel, -(old.reprint = 0), -(old.reprint = 1) FROM `requests` r WHERE r.id = old.request_id
    ON CONFLICT (agency_id, day, clerk_id, channel) DO UPDATE SET printed = printed + excluded.printed, reprinted = reprinted + excluded.reprinted;
END;
--> statement-breakpoint
CREATE TRIGGER `figures_reason` AFTER INSERT ON `request_decisions` WHEN new.reason_code IS NOT NULL
BEGIN
  INSERT INTO `daily_reasons` (agency_id, day, event, reason_code, n)
    SELECT r.agency_id, date((new.at - 18000000) / 1000, 'unixepoch'), new.event, new.reason_code, 1 FROM `requests` r WHERE r.id = new.request_id
    ON CONFLICT (agency_id, day, event, reason_code) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- The first full count, for a database that already has records.
INSERT INTO `daily_figures` (agency_id, day, clerk_id, channel, received, walk_ins, submitted, approved, returned, rejected, printed, reprinted)
  SELECT agency_id, day, clerk_id, channel, sum(received), sum(walk_ins), sum(submitted), sum(approved), sum(returned), sum(rejected), sum(printed), sum(reprinted) FROM (
    SELECT agency_id, date((created_at - 18000000) / 1000, 'unixepoch') AS day, coalesce(clerk_id, '') AS clerk_id, channel, 1 AS received, walk_in_reason IS NOT NULL AS walk_ins,
           0 AS submitted, 0 AS approved, 0 AS returned, 0 AS rejected, 0 AS printed, 0 AS reprinted FROM `requests`
    UNION ALL
    SELECT o.agency_id, date((o.created_at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), coalesce(r.channel, ''), 0, 0,
           o.e = 'enviar_a_revision' AND o.seq = (SELECT min(f.seq) FROM `outbox` f WHERE f.request_id = o.request_id AND f.type = 'request.transition' AND json_extract(f.payload, '$.event') = 'enviar_a_revision'),
           o.e = 'aprobar', o.e = 'devolver', o.e = 'rechazar', 0, 0
    FROM (SELECT seq, agency_id, request_id, created_at, json_extract(payload, '$.event') AS e FROM `outbox` WHERE type = 'request.transition') o
    LEFT JOIN `requests` r ON r.id = o.request_id
    WHERE o.e IN ('enviar_a_revision', 'aprobar', 'devolver', 'rechazar')
    UNION ALL
    SELECT r.agency_id, date((p.at - 18000000) / 1000, 'unixepoch'), coalesce(r.clerk_id, ''), r.channel, 0, 0, 0, 0, 0, 0, p.reprint = 0, p.reprint = 1
    FROM `form_prints` p JOIN `requests` r ON r.id = p.request_id WHERE p.kind = 'solicitud'
  ) GROUP BY agency_id, day, clerk_id, channel;
--> statement-breakpoint
INSERT INTO `daily_reasons` (agency_id, day, event, reason_code, n)
  SELECT r.agency_id, date((d.at - 18000000) / 1000, 'unixepoch') AS day, d.event, d.reason_code, count(*)
  FROM `request_decisions` d JOIN `requests` r ON r.id = d.request_id WHERE d.reason_code IS NOT NULL GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `request_milestones` (request_id, agency_id, created_at, to_submission, to_approval)
  SELECT r.id, r.agency_id, r.created_at,
    (SELECT (min(o.created_at) - r.created_at) / 60000.0 FROM `outbox` o WHERE o.request_id = r.id AND o.type = 'request.transition' AND json_extract(o.payload, '$.event') = 'enviar_a_revision'),
    (SELECT (min(o.created_at) - r.created_at) / 60000.0 FROM `outbox` o WHERE o.request_id = r.id AND o.type = 'request.transition' AND json_extract(o.payload, '$.event') = 'aprobar')
  FROM `requests` r WHERE r.channel = 'presencial';
