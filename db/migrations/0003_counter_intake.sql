CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`document_type` text NOT NULL,
	`file_name` text,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_request` ON `attachments` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`event` text NOT NULL,
	`reason_code` text,
	`note` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_decisions_request` ON `request_decisions` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `request_documents` (
	`request_id` text NOT NULL,
	`document_type` text NOT NULL,
	`rule_id` text NOT NULL,
	`presentation` text NOT NULL,
	`signature` text,
	`presented` integer DEFAULT false NOT NULL,
	`presented_as` text,
	`checks` text,
	`status` text DEFAULT 'pendiente' NOT NULL,
	`rejection_reason` text,
	`note` text,
	`signature_marked` integer DEFAULT false NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_documents_pk` ON `request_documents` (`request_id`,`document_type`);--> statement-breakpoint
ALTER TABLE `requests` ADD `passport_expiry_date` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `visa_category` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `visa_number` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `visa_issue_date` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `visa_expiry_date` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `artisan_number` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `artisan_branch` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `artisan_issue_date` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `artisan_expiry_date` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `walk_in_authorized_by` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `walk_in_reason` text;