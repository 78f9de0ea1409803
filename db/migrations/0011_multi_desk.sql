CREATE TABLE `sync_downloads` (
	`path` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`request_id` text NOT NULL,
	`size` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `sync_uploads` (
	`sha256` text PRIMARY KEY NOT NULL,
	`uploaded_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `request_counters_pk`;--> statement-breakpoint
ALTER TABLE `request_counters` ADD `station` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `request_counters_station` ON `request_counters` (`agency_id`,`year`,`station`);--> statement-breakpoint
ALTER TABLE `form_prints` ADD `printed_by` text;--> statement-breakpoint
ALTER TABLE `request_decisions` ADD `actor_label` text;--> statement-breakpoint
ALTER TABLE `sync_mirrors` ADD `record_hash` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `station_code` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `audit_confirmed_seq` integer;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `audit_confirmed_hash` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `audit_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `audit_refusal` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `audit_refusal_at` integer;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `recovered_at` integer;