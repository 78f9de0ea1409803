ALTER TABLE `request_documents` ADD `signer` text;--> statement-breakpoint
ALTER TABLE `request_documents` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `foreigner_code` text;