CREATE TABLE `day_closures` (
	`agency_id` text NOT NULL,
	`date` text NOT NULL,
	`closed_at` integer NOT NULL,
	`closed_by` text NOT NULL,
	`carried_over` integer NOT NULL,
	`reason` text,
	`figures` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `day_closures_pk` ON `day_closures` (`agency_id`,`date`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target`,`actor_id`,`call`);--> statement-breakpoint
CREATE INDEX `outbox_request` ON `outbox` (`request_id`,`type`);--> statement-breakpoint
CREATE INDEX `outbox_agency_time` ON `outbox` (`agency_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_representative_doc` ON `requests` (`representative_id_number`);--> statement-breakpoint
CREATE INDEX `requests_third_party_doc` ON `requests` (`third_party_cedula`);--> statement-breakpoint
CREATE INDEX `requests_clerk_created` ON `requests` (`clerk_id`,`created_at`);