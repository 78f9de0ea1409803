ALTER TABLE `appointments` ADD `request_type` text DEFAULT 'clave_patronal' NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `request_type` text DEFAULT 'clave_patronal' NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `landline` text;--> statement-breakpoint
CREATE INDEX `requests_agency_type_state` ON `requests` (`agency_id`,`request_type`,`state`,`state_since`);