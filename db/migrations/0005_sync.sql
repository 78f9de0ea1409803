CREATE TABLE `sync_catalogs` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`entries` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`change_seq` integer NOT NULL,
	`request_id` text,
	`event` text,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_conflicts_change` ON `sync_conflicts` (`change_seq`);--> statement-breakpoint
CREATE INDEX `sync_conflicts_at` ON `sync_conflicts` (`at`);--> statement-breakpoint
CREATE TABLE `sync_mirrors` (
	`request_id` text PRIMARY KEY NOT NULL,
	`origin_device` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`device_id` text,
	`device_name` text,
	`agency_code` text,
	`enrolled_at` integer,
	`pull_cursor` text DEFAULT '' NOT NULL,
	`pull_applied_seq` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	`last_pull_at` integer,
	`pull_running` integer DEFAULT false NOT NULL,
	`pull_received` integer DEFAULT 0 NOT NULL,
	`pull_total` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `status` text DEFAULT 'pendiente' NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`,`seq`);