CREATE TABLE `work_markers` (
	`request_id` text NOT NULL,
	`device_id` text NOT NULL,
	`station` text,
	`desk_name` text,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`role` text NOT NULL,
	`activity` text NOT NULL,
	`since` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_markers_pk` ON `work_markers` (`request_id`,`device_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `work_markers_expiry` ON `work_markers` (`expires_at`);--> statement-breakpoint
ALTER TABLE `requests` ADD `station` text GENERATED ALWAYS AS (CASE WHEN number GLOB 'CAU-*-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]' THEN substr(number, -9, 2) END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `requests_agency_station` ON `requests` (`agency_id`,`station`,`created_at`);--> statement-breakpoint
ALTER TABLE `sync_mirrors` ADD `clerk_name` text;