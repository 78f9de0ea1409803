-- Accent-insensitive, prefix search over the names of a request (representative, legal name,
-- third party): FTS5 with unicode61 and diacritics removed. Contentless with contentless_delete,
-- so the names are not stored twice; triggers keep it in step, and the retention purge (which
-- blanks the names) removes them from the index too.
CREATE VIRTUAL TABLE `requests_fts` USING fts5(names, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2", prefix='2 3');
--> statement-breakpoint
INSERT INTO `requests_fts` (rowid, names)
  SELECT rowid, concat_ws(' ', representative_names, employer_legal_name, third_party_names) FROM `requests`;
--> statement-breakpoint
CREATE TRIGGER `requests_fts_insert` AFTER INSERT ON `requests`
BEGIN
  INSERT INTO `requests_fts` (rowid, names) VALUES (new.rowid, concat_ws(' ', new.representative_names, new.employer_legal_name, new.third_party_names));
END;
--> statement-breakpoint
CREATE TRIGGER `requests_fts_update` AFTER UPDATE OF representative_names, employer_legal_name, third_party_names ON `requests`
BEGIN
  DELETE FROM `requests_fts` WHERE rowid = old.rowid;
  INSERT INTO `requests_fts` (rowid, names) VALUES (new.rowid, concat_ws(' ', new.representative_names, new.employer_legal_name, new.third_party_names));
END;
--> statement-breakpoint
CREATE TRIGGER `requests_fts_delete` AFTER DELETE ON `requests`
BEGIN
  DELETE FROM `requests_fts` WHERE rowid = old.rowid;
END;
