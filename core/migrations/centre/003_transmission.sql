-- Transmission (DESIGN §4, §5): the centre's certificates, the containers it sealed and
-- keeps until acknowledged, the messages it received, and link counters for status.

-- Public material only: the private key lives in an encrypted file in the data directory.
CREATE TABLE docstream.pki (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  csr_pem     text,
  -- Key derived from the one-time enrolment code, kept only until the answer arrives.
  enrol_key   text CHECK (enrol_key IS NULL OR enrol_key ~ '^[0-9a-f]{64}$'),
  centre_pem  text,
  ca_pem      text,
  server_pem  text,
  enrolled_at timestamptz,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pki_enrolled_complete CHECK ((centre_pem IS NULL) = (enrolled_at IS NULL)
    AND (centre_pem IS NULL OR (ca_pem IS NOT NULL AND server_pem IS NOT NULL)))
);

-- Every container the centre sealed, with its bytes, so a re-send is byte-identical and
-- the server recognises it by its seq.
CREATE TABLE docstream.containers (
  seq        bigint PRIMARY KEY CHECK (seq >= 1),
  msg_type   text NOT NULL CHECK (msg_type IN ('docs', 'cancel', 'hello', 'enroll')),
  sdc        bytea NOT NULL,
  item_count int NOT NULL DEFAULT 0 CHECK (item_count >= 0),
  created_at timestamptz NOT NULL,
  sent_at    timestamptz,
  attempts   int NOT NULL DEFAULT 0,
  acked_at   timestamptz,
  outcome    text CHECK (outcome IN ('accepted', 'quarantined', 'rejected')),
  reason     text
);
CREATE INDEX containers_unacked ON docstream.containers (seq) WHERE acked_at IS NULL;
CREATE SEQUENCE docstream.container_seq;

ALTER TABLE docstream.outbox
  ADD COLUMN container_seq bigint REFERENCES docstream.containers(seq),
  ADD COLUMN result text CHECK (result IN ('accepted', 'duplicate', 'conflict', 'rejected', 'quarantined')),
  ADD COLUMN reason text;
CREATE INDEX outbox_unpacked ON docstream.outbox (id) WHERE container_seq IS NULL;
CREATE INDEX outbox_container ON docstream.outbox (container_seq);

-- (src, seq) of every container opened from the server: a replay is recognised.
CREATE TABLE docstream.inbox (
  src         text NOT NULL,
  seq         bigint NOT NULL,
  msg_type    text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (src, seq)
);
CREATE TRIGGER inbox_no_truncate BEFORE TRUNCATE ON docstream.inbox
  FOR EACH STATEMENT EXECUTE FUNCTION docstream.no_truncate();
CREATE TRIGGER containers_no_truncate BEFORE TRUNCATE ON docstream.containers
  FOR EACH STATEMENT EXECUTE FUNCTION docstream.no_truncate();

-- What the link did, for the status screen and `status` (whichever process runs it).
CREATE TABLE docstream.link_state (
  singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  connected        boolean NOT NULL DEFAULT false,
  last_connect_at  timestamptz,
  last_send_at     timestamptz,
  last_receive_at  timestamptz,
  containers_sent  bigint NOT NULL DEFAULT 0,
  bytes_sent       bigint NOT NULL DEFAULT 0,
  bytes_received   bigint NOT NULL DEFAULT 0,
  errors           bigint NOT NULL DEFAULT 0,
  last_error       text,
  last_error_at    timestamptz
);
INSERT INTO docstream.link_state DEFAULT VALUES;
