-- The centres list filters up to 100,000 centres by part of a name, city or region,
-- accents and case aside (« segou » finds Ségou): a folded copy the database keeps with
-- each row, under a trigram index, so the filter never folds the whole table per query.
-- Folded by xm_system.fold_name (migration 006); the console folds what is typed the same
-- way (core/src/util/fold.ts).
ALTER TABLE xm_system.clients
  ADD COLUMN search_folded text GENERATED ALWAYS AS (xm_system.fold_name(name || ' ' || city || ' ' || region)) STORED;

CREATE INDEX clients_search_folded ON xm_system.clients USING gin (search_folded public.gin_trgm_ops);
