-- The names' search index (requests_fts, 0007) is kept off a clerk's transaction as far as it can
-- be (docs/architecture.md «Pages a call writes»):
-- 1. Its entry is rewritten only when a name changes. `AFTER UPDATE OF` fires whenever a column is
--    in the SET list, changed or not, and a contentless FTS5 delete + insert writes a dozen pages.
-- 2. No merging inside a write: FTS5's automerge did merge work in whichever commit came along,
--    now and then hundreds of pages (a check-in of 700 ms on the 1M database). Segments are merged
--    by the core's background service instead (electron/core/supervisor/search-index.ts); a level
--    that still reaches 64 segments is merged at once, as FTS5 does at 16 by default.
DROP TRIGGER `requests_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `requests_fts_update` AFTER UPDATE OF representative_names, employer_legal_name, third_party_names ON `requests`
  WHEN old.representative_names IS NOT new.representative_names OR old.employer_legal_name IS NOT new.employer_legal_name OR old.third_party_names IS NOT new.third_party_names
BEGIN
  DELETE FROM `requests_fts` WHERE rowid = old.rowid;
  INSERT INTO `requests_fts` (rowid, names) VALUES (new.rowid, concat_ws(' ', new.representative_names, new.employer_legal_name, new.third_party_names));
END;
--> statement-breakpoint
INSERT INTO `requests_fts` (requests_fts, rank) VALUES ('automerge', 0);
--> statement-breakpoint
INSERT INTO `requests_fts` (requests_fts, rank) VALUES ('crisismerge', 64);
