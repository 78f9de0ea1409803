CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`province_code` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_code_unique` ON `agencies` (`code`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`date` text NOT NULL,
	`time` text NOT NULL,
	`confirmation_code` text NOT NULL,
	`cedula` text NOT NULL,
	`names` text NOT NULL,
	`email` text,
	`mobile` text,
	`status` text DEFAULT 'pendiente' NOT NULL,
	`status_at` integer,
	`request_id` text,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_day` ON `appointments` (`agency_id`,`date`,`time`);--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_code` ON `appointments` (`agency_id`,`confirmation_code`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`agency_id` text NOT NULL,
	`request_id` text,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer,
	`acked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`acked_at`,`seq`);--> statement-breakpoint
CREATE TABLE `request_counters` (
	`agency_id` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_counters_pk` ON `request_counters` (`agency_id`,`year`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`number` text NOT NULL,
	`channel` text NOT NULL,
	`state` text NOT NULL,
	`state_since` integer NOT NULL,
	`clerk_id` text,
	`appointment_id` text,
	`applicant_kind` text NOT NULL,
	`employer_ruc` text NOT NULL,
	`employer_branch` text DEFAULT '0001' NOT NULL,
	`employer_legal_name` text NOT NULL,
	`representative_id_type` text,
	`representative_id_number` text,
	`representative_names` text,
	`representative_nationality` text,
	`email` text,
	`mobile` text,
	`address` text,
	`third_party_names` text,
	`third_party_cedula` text,
	`details` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clerk_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_number_unique` ON `requests` (`number`);--> statement-breakpoint
CREATE INDEX `requests_agency_created` ON `requests` (`agency_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `requests_agency_state` ON `requests` (`agency_id`,`state`,`state_since`,`id`);--> statement-breakpoint
CREATE INDEX `requests_employer` ON `requests` (`employer_ruc`,`employer_branch`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (lower("username"));