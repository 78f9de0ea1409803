CREATE TABLE `form_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`reprint` integer NOT NULL,
	`reason` text,
	`printed_at` integer NOT NULL,
	`template_version` integer NOT NULL,
	`sha256` text NOT NULL,
	`path` text NOT NULL,
	`snapshot` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `form_prints_request` ON `form_prints` (`request_id`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `form_templates` (
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`paragraphs` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `form_templates_pk` ON `form_templates` (`kind`,`version`);