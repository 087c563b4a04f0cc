-- Certified copies (DESIGN §6): the centre's seal key attestation, its print templates,
-- the register of copies issued, and the revoked seal keys of the trust list.

ALTER TABLE docstream.pki
  ADD COLUMN seal_attestation bytea,
  ADD COLUMN seal_root bytea,
  ADD COLUMN seal_point bytea,
  -- seq of the 'seal' request waiting for its answer, so it is asked once
  ADD COLUMN seal_requested_seq bigint;

ALTER TABLE docstream.containers
  DROP CONSTRAINT containers_msg_type,
  ADD CONSTRAINT containers_msg_type CHECK (msg_type IN ('docs', 'cancel', 'hello', 'enroll', 'query', 'message', 'seal', 'copies'));

-- A template per kind, changed by the Officer; the shipped default applies otherwise.
CREATE TABLE docstream.print_templates (
  form_id    text PRIMARY KEY,
  template   jsonb NOT NULL,
  updated_by int NOT NULL REFERENCES docstream.users(id),
  updated_at timestamptz NOT NULL
);

CREATE TABLE docstream.copies (
  id              bigserial PRIMARY KEY,
  document_numero bigint NOT NULL REFERENCES docstream.documents(numero),
  niu             text NOT NULL,
  copy_no         int NOT NULL CHECK (copy_no >= 1),
  issued_by       int NOT NULL REFERENCES docstream.users(id),
  issued_at       timestamptz NOT NULL,
  signatory       text NOT NULL DEFAULT '',
  seal            text NOT NULL,
  container_seq   bigint REFERENCES docstream.containers(seq),
  reported_at     timestamptz,
  UNIQUE (niu, copy_no)
);
CREATE INDEX copies_unpacked ON docstream.copies (id) WHERE container_seq IS NULL;
CREATE TRIGGER copies_no_truncate BEFORE TRUNCATE ON docstream.copies
  FOR EACH STATEMENT EXECUTE FUNCTION docstream.no_truncate();

CREATE TABLE docstream.trust_revoked_seals (
  key_id text PRIMARY KEY
);
