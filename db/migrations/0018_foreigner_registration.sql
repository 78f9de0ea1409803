ALTER TABLE `requests` ADD `passport_mrz` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `birth_date` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `sex` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `sut_contract_number` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `sut_contract_date` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `job_position` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `job_start_date` text;