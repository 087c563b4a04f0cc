-- The centres list filters up to 100,000 centres by part of a name, city or region,
-- accents and case aside (« segou » finds Ségou): a folded copy the database keeps with
-- each row, under a trigram index, so the filter never folds the whole table per query.
-- The letters folded are those of the place names of the region served; the console
-- folds what is typed the same way (core/src/server/clients.ts, foldText).
CREATE FUNCTION xm_system.fold_search(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(translate(t,
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝŸýÿƐɛƆɔƝɲŊŋ',
    'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYYyyEeOoNnNn')) $$;

ALTER TABLE xm_system.clients
  ADD COLUMN search_folded text GENERATED ALWAYS AS (xm_system.fold_search(name || ' ' || city || ' ' || region)) STORED;

CREATE INDEX clients_search_folded ON xm_system.clients USING gin (search_folded public.gin_trgm_ops);
