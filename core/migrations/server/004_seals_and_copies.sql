-- Certified copies (DESIGN §6): the national seal root that attests centres' seal keys,
-- the attested keys (revoked with their centre's certificate), and the copies centres
-- report for billing.

-- The seal root's public key (SubjectPublicKeyInfo, P-256) and the national CA's
-- signature over it: centres check the root against the CA they already trust.
ALTER TABLE xm_system.pki
  ADD COLUMN seal_root bytea,
  ADD COLUMN seal_root_sig bytea,
  ADD CONSTRAINT pki_seal_root_signed CHECK ((seal_root IS NULL) = (seal_root_sig IS NULL));

CREATE TABLE xm_system.seal_keys (
  key_id      text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
  matricule   text NOT NULL REFERENCES xm_system.clients(matricule),
  point       bytea NOT NULL CHECK (length(point) = 33),
  attestation bytea NOT NULL,
  not_before  timestamptz NOT NULL,
  not_after   timestamptz NOT NULL,
  issued_at   timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX seal_keys_matricule ON xm_system.seal_keys (matricule);

-- One row per copy a centre issued: (NIU, copy number) is billed once.
CREATE TABLE xm_system.copies (
  matricule   text NOT NULL REFERENCES xm_system.clients(matricule),
  niu         text NOT NULL,
  copy_no     int NOT NULL CHECK (copy_no >= 1),
  issued_at   timestamptz NOT NULL,
  src_seq     bigint NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (matricule, niu, copy_no)
);
CREATE TRIGGER copies_no_truncate BEFORE TRUNCATE ON xm_system.copies
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
