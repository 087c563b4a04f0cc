-- Transmission (DESIGN §4, §5, §7): PKI, enrolment, inbox/outbox, evidence, conflicts,
-- quarantine and per-centre traffic counters for the live monitor.

-- Public material only: private keys live in encrypted files in the data directory.
CREATE TABLE xm_system.pki (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  ca_pem     text NOT NULL,
  server_pem text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE xm_system.certificates (
  serial        text PRIMARY KEY CHECK (serial ~ '^[0-9a-f]+$'),
  matricule     text NOT NULL REFERENCES xm_system.clients(matricule),
  pem           text NOT NULL,
  fingerprint   text NOT NULL UNIQUE,
  -- subjectKeyIdentifier, lowercase hex: how containers name their signer (CMS SignerInfo
  -- v3). Not unique: a renewal that keeps the centre's key keeps its identifier.
  ski           text NOT NULL CHECK (ski ~ '^[0-9a-f]+$'),
  not_before    timestamptz NOT NULL,
  not_after     timestamptz NOT NULL,
  issued_at     timestamptz NOT NULL,
  source        text NOT NULL CHECK (source IN ('enrolment', 'import', 'renewal')),
  revoked_at    timestamptz,
  revoke_reason text,
  CONSTRAINT certificates_revoke_reason CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX certificates_matricule ON xm_system.certificates (matricule);
CREATE INDEX certificates_ski ON xm_system.certificates (ski);

ALTER TABLE xm_system.clients
  -- Key derived from the one-time enrolment code: the code itself is never stored.
  ADD COLUMN enrol_key text CHECK (enrol_key IS NULL OR enrol_key ~ '^[0-9a-f]{64}$'),
  ADD COLUMN enrol_expires_at timestamptz,
  ADD COLUMN down_seq bigint NOT NULL DEFAULT 0 CHECK (down_seq >= 0);

-- Every container accepted or quarantined from a centre, by (src, seq): a replay or a
-- re-send is recognised and answered with the stored acknowledgement, nothing written.
CREATE TABLE xm_system.inbox (
  src         text NOT NULL,
  seq         bigint NOT NULL,
  msg_type    text NOT NULL,
  digest      text NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('accepted', 'quarantined')),
  ack_seq     bigint,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (src, seq)
);

-- Containers for the centres, kept for re-sending after a reconnect (`hello`).
CREATE TABLE xm_system.outbox (
  dst        text NOT NULL,
  seq        bigint NOT NULL,
  msg_type   text NOT NULL,
  sdc        bytea NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at    timestamptz,
  PRIMARY KEY (dst, seq)
);
CREATE INDEX outbox_unsent ON xm_system.outbox (created_at) WHERE sent_at IS NULL;

-- Non-repudiation: the signed inner SignedData of every accepted container.
CREATE TABLE xm_system.evidence (
  src         text NOT NULL,
  seq         bigint NOT NULL,
  signed_data bytea NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (src, seq)
);

-- Containers of a suspended client: opened and verified, kept whole, not integrated.
CREATE TABLE xm_system.quarantine (
  src         text NOT NULL,
  seq         bigint NOT NULL,
  msg_type    text NOT NULL,
  payload     bytea NOT NULL,
  received_at timestamptz NOT NULL,
  released_at timestamptz,
  PRIMARY KEY (src, seq)
);

-- Rejected containers: the reason, for the operator (the sender only hears one uniform error).
CREATE TABLE xm_system.rejections (
  id     bigserial PRIMARY KEY,
  at     timestamptz NOT NULL,
  src    text,
  step   text NOT NULL,
  detail text NOT NULL,
  bytes  int NOT NULL
);
CREATE INDEX rejections_at ON xm_system.rejections (at DESC);

-- Per centre, what the live monitor shows; updated in the transaction that did the work.
CREATE TABLE xm_system.traffic (
  matricule      text PRIMARY KEY REFERENCES xm_system.clients(matricule),
  last_seen      timestamptz,
  containers_in  bigint NOT NULL DEFAULT 0,
  documents_in   bigint NOT NULL DEFAULT 0,
  duplicates     bigint NOT NULL DEFAULT 0,
  conflicts      bigint NOT NULL DEFAULT 0,
  acks_out       bigint NOT NULL DEFAULT 0,
  errors         bigint NOT NULL DEFAULT 0,
  bytes_in       bigint NOT NULL DEFAULT 0,
  bytes_out      bigint NOT NULL DEFAULT 0
);

-- The same NIU arriving with different content: kept aside for the operator, never
-- overwriting the document already centralised.
CREATE TABLE xm_data.conflicts (
  id           bigserial PRIMARY KEY,
  niu          text NOT NULL,
  matricule    text NOT NULL,
  form_id      text NOT NULL,
  form_version int NOT NULL,
  data         jsonb NOT NULL,
  validated_at timestamptz NOT NULL,
  src_seq      bigint NOT NULL,
  received_at  timestamptz NOT NULL,
  resolved_at  timestamptz,
  resolution   text
);
CREATE INDEX conflicts_niu ON xm_data.conflicts (niu);

ALTER TABLE xm_data.documents ADD COLUMN src_seq bigint;

CREATE TRIGGER inbox_no_truncate BEFORE TRUNCATE ON xm_system.inbox
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON xm_system.evidence
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON xm_system.evidence
  FOR EACH ROW EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER quarantine_no_truncate BEFORE TRUNCATE ON xm_system.quarantine
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER conflicts_no_truncate BEFORE TRUNCATE ON xm_data.conflicts
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();

-- A centralised document never changes its content and is never deleted: only a
-- cancellation may come after it, once.
CREATE FUNCTION xm_data.documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'document % cannot be deleted', OLD.niu USING ERRCODE = 'DS002';
  END IF;
  IF OLD.status = 0 THEN
    RAISE EXCEPTION 'document % is cancelled', OLD.niu USING ERRCODE = 'DS001';
  END IF;
  IF NEW.niu IS DISTINCT FROM OLD.niu OR NEW.matricule IS DISTINCT FROM OLD.matricule
     OR NEW.form_id IS DISTINCT FROM OLD.form_id OR NEW.form_version IS DISTINCT FROM OLD.form_version
     OR NEW.data IS DISTINCT FROM OLD.data OR NEW.validated_at IS DISTINCT FROM OLD.validated_at
     OR (NEW.status <> OLD.status AND NEW.status <> 0) THEN
    RAISE EXCEPTION 'document % is authentic and cannot change', OLD.niu USING ERRCODE = 'DS001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER documents_guard BEFORE UPDATE OR DELETE ON xm_data.documents
  FOR EACH ROW EXECUTE FUNCTION xm_data.documents_guard();
