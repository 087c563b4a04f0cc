-- Document search: better row estimates for name searches.
--
-- A name search is `names_norm LIKE '%word%'` per word, served by the trigram index
-- documents_names_trgm, ordered newest first by numero. The planner picks between walking
-- the primary key backwards (best when the word is common: the first page is found after a
-- few thousand rows) and collecting the trigram matches then sorting them (best when it is
-- rare). It estimates a LIKE pattern by testing it against the column's histogram; with
-- the default 100 entries a surname carried by ~1% of documents usually hits none, the
-- estimate falls to its floor (0.01%), and every surname search collects and sorts
-- thousands of rows (~100 ms at 1,000,000 documents instead of ~2 ms). A 1,000-entry
-- histogram estimates such words well. Costs ANALYZE a few seconds per million documents.
ALTER TABLE docstream.documents ALTER COLUMN names_norm SET STATISTICS 1000;
ANALYZE docstream.documents;
