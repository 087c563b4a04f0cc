-- The live monitor (DESIGN §2, §7): the traffic per 5-second bucket and the state of the
-- running services, in tables, so that a console in any process reads them.

-- Counters per 5-second bucket (its start), written by the statement that moves the
-- per-centre counters. One row per bucket and database backend (slot = pg_backend_pid()):
-- two transactions at once are always on two backends, so concurrent ingest lanes never
-- wait on each other's counter row. Kept one hour (the service prunes).
CREATE TABLE xm_system.traffic_rates (
  bucket     timestamptz NOT NULL,
  slot       int NOT NULL,
  containers bigint NOT NULL DEFAULT 0 CHECK (containers >= 0),
  documents  bigint NOT NULL DEFAULT 0 CHECK (documents >= 0),
  errors     bigint NOT NULL DEFAULT 0 CHECK (errors >= 0),
  bytes_in   bigint NOT NULL DEFAULT 0 CHECK (bytes_in >= 0),
  bytes_out  bigint NOT NULL DEFAULT 0 CHECK (bytes_out >= 0),
  PRIMARY KEY (bucket, slot),
  CHECK (extract(epoch FROM bucket)::numeric % 5 = 0)
);

CREATE FUNCTION xm_system.rate_bucket(t timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_timestamp(floor(extract(epoch FROM t) / 5) * 5) $$;

-- Each running server service (headless or hosted by a console), with a heartbeat every
-- few seconds: a row whose heartbeat is older than three intervals is a service that died
-- or lost the database; `stopped_at` is a clean stop.
CREATE TABLE xm_system.service_state (
  instance     text PRIMARY KEY CHECK (length(instance) BETWEEN 1 AND 200),
  host         text NOT NULL,
  pid          int NOT NULL,
  started_at   timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  heartbeat_ms int NOT NULL CHECK (heartbeat_ms > 0),
  stopped_at   timestamptz,
  broker       text NOT NULL DEFAULT '',
  connected    boolean NOT NULL DEFAULT false,
  share_group  text,
  concurrency  int NOT NULL CHECK (concurrency >= 1),
  received     bigint NOT NULL DEFAULT 0 CHECK (received >= 0),
  accepted     bigint NOT NULL DEFAULT 0 CHECK (accepted >= 0),
  rejected     bigint NOT NULL DEFAULT 0 CHECK (rejected >= 0),
  documents    bigint NOT NULL DEFAULT 0 CHECK (documents >= 0),
  queued       int NOT NULL DEFAULT 0 CHECK (queued >= 0),
  CHECK (heartbeat_at >= started_at),
  CHECK (stopped_at IS NULL OR stopped_at >= started_at)
);

-- Centre names compared and sorted without case or accents in the monitor ("segou" finds
-- "Ségou", É sorts with E); the filter text is folded the same way in the core
-- (monitor.ts, foldName). Stored, since folding 10,000 names at every refresh costs.
CREATE FUNCTION xm_system.fold_name(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(translate(t,
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝŸýÿƐɛƆɔƝɲŊŋ',
    'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYYyyEeOoNnNn')) $$;
ALTER TABLE xm_system.clients ADD COLUMN name_folded text GENERATED ALWAYS AS (xm_system.fold_name(name)) STORED;
CREATE INDEX clients_name_folded_trgm ON xm_system.clients USING gin (name_folded gin_trgm_ops);
CREATE INDEX clients_name_folded ON xm_system.clients (name_folded, name);

-- Every client has its counters row (insertClient writes both): the monitor joins on it.
INSERT INTO xm_system.traffic (matricule) SELECT matricule FROM xm_system.clients ON CONFLICT DO NOTHING;

-- The queue depths the monitor counts at every refresh: partial indexes hold only what
-- is waiting, so a count costs what is waiting, not the history.
-- (The held quarantine and the open conflicts have theirs in 007_resolution.sql.)
CREATE INDEX outbox_unsent_dst ON xm_system.outbox (dst) WHERE sent_at IS NULL;
