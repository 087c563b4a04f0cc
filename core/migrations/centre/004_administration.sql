-- What the server tells a centre (DESIGN §5, §7): its account, its profile and
-- signatories, messages both ways, queries and their imported results (Status 2), the
-- trust list for verifying copies offline.

ALTER TABLE docstream.containers
  DROP CONSTRAINT containers_msg_type_check,
  ADD CONSTRAINT containers_msg_type CHECK (msg_type IN ('docs', 'cancel', 'hello', 'enroll', 'query', 'message'));

-- Mirror of the server's account: the centre reads it, never sets it.
CREATE TABLE docstream.account (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  balance     bigint NOT NULL,
  query_quota int NOT NULL,
  as_of       timestamptz NOT NULL,
  received_at timestamptz NOT NULL
);

-- The centre's profile as the server holds it (the centre cannot change it).
CREATE TABLE docstream.profile (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  name        text NOT NULL,
  city        text NOT NULL,
  region      text NOT NULL,
  phone       text NOT NULL,
  status      smallint NOT NULL,
  as_of       timestamptz NOT NULL,
  received_at timestamptz NOT NULL
);

-- Officials printed on copies, as last sent with the profile.
CREATE TABLE docstream.signatories (
  id        int PRIMARY KEY,
  full_name text NOT NULL,
  title     text NOT NULL,
  national  boolean NOT NULL
);

-- 'out' rows wait with no container until the next packing seals them.
CREATE TABLE docstream.messages (
  id            bigserial PRIMARY KEY,
  direction     text NOT NULL CHECK (direction IN ('in', 'out')),
  body          text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
  author        text NOT NULL DEFAULT '',
  author_id     int REFERENCES docstream.users(id),
  container_seq bigint UNIQUE REFERENCES docstream.containers(seq),
  server_seq    bigint,
  at            timestamptz NOT NULL,
  read_at       timestamptz,
  CONSTRAINT messages_out_has_author CHECK (direction = 'in' OR author_id IS NOT NULL)
);
CREATE INDEX messages_unpacked ON docstream.messages (id) WHERE direction = 'out' AND container_seq IS NULL;

CREATE TABLE docstream.queries (
  id            bigserial PRIMARY KEY,
  container_seq bigint UNIQUE REFERENCES docstream.containers(seq),
  criteria      jsonb NOT NULL,
  asked_by      int NOT NULL REFERENCES docstream.users(id),
  asked_at      timestamptz NOT NULL,
  answered_at   timestamptz,
  outcome       text CHECK (outcome IN ('answered', 'refused')),
  results       int,
  total         int,
  imported      int,
  error_code    text,
  reason_fr     text,
  reason_en     text
);
CREATE INDEX queries_unpacked ON docstream.queries (id) WHERE container_seq IS NULL;

-- Revoked certificates and cancelled NIUs, replaced whole by each newer trust bulletin.
CREATE TABLE docstream.bulletins (
  typ         text PRIMARY KEY CHECK (typ IN ('trust', 'forms')),
  version     bigint NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE TABLE docstream.trust_revoked (
  serial     text PRIMARY KEY,
  ski        text NOT NULL,
  revoked_at timestamptz NOT NULL
);
CREATE TABLE docstream.trust_cancelled (
  niu text PRIMARY KEY
);

-- Documents received from the server (Status 2) were validated elsewhere: no local
-- Secretary or Officer signed them, and the row says when it was imported.
ALTER TABLE docstream.documents
  ADD COLUMN imported_at timestamptz,
  DROP CONSTRAINT documents_validated_has_officer,
  DROP CONSTRAINT documents_verified_has_secretary,
  ADD CONSTRAINT documents_validated_has_officer CHECK (stage <> 'validated' OR (validated_at IS NOT NULL AND (validated_by IS NOT NULL OR imported_at IS NOT NULL))),
  ADD CONSTRAINT documents_verified_has_secretary CHECK (stage = 'draft' OR imported_at IS NOT NULL OR (verified_by IS NOT NULL AND verified_at IS NOT NULL)),
  ADD CONSTRAINT documents_imported_is_status_2 CHECK (imported_at IS NULL OR status IN (0, 2));
