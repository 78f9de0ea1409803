CREATE TABLE `guidance_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sheet_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`reprint` integer NOT NULL,
	`printed_at` integer NOT NULL,
	`template_version` integer NOT NULL,
	`sha256` text NOT NULL,
	`path` text NOT NULL,
	`snapshot` text,
	FOREIGN KEY (`sheet_id`) REFERENCES `guidance_sheets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `guidance_prints_sheet` ON `guidance_prints` (`sheet_id`,`id`);--> statement-breakpoint
CREATE TABLE `guidance_sheets` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`number` text NOT NULL,
	`procedure` text NOT NULL,
	`id_type` text NOT NULL,
	`id_number` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`personal_data_purged_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guidance_sheets_number_unique` ON `guidance_sheets` (`number`);--> statement-breakpoint
CREATE INDEX `guidance_sheets_agency_day` ON `guidance_sheets` (`agency_id`,`created_at`);