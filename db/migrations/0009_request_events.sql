CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`activity` text NOT NULL,
	`event` text,
	`document_type` text,
	`verdict` text,
	`qualifier` text,
	`decision_id` integer,
	`outcome` text DEFAULT 'ok' NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `request_decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_events_request` ON `request_events` (`request_id`,`at`);