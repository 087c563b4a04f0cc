-- Server administration (DESIGN §5, §7): accounts and billing, queries, messages,
-- signatories, notices waiting to be sealed for a centre, broadcast bulletins.

-- The running balance and query quota of each client, moved only together with a ledger
-- row (same transaction, row locked): the ledger is the truth, this is its sum.
CREATE TABLE xm_system.accounts (
  matricule   text PRIMARY KEY REFERENCES xm_system.clients(matricule),
  balance     bigint NOT NULL DEFAULT 0,
  query_quota int NOT NULL DEFAULT 0 CHECK (query_quota >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO xm_system.accounts (matricule) SELECT matricule FROM xm_system.clients;

-- Quota grants move units, not money; each row records the balance and quota after it,
-- so a statement needs no running sum and any gap or edit shows.
ALTER TABLE xm_system.ledger
  DROP CONSTRAINT ledger_service_check,
  DROP CONSTRAINT ledger_amount_check,
  ADD COLUMN quantity int NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  ADD COLUMN units int NOT NULL DEFAULT 0,
  ADD COLUMN balance_after bigint NOT NULL DEFAULT 0,
  ADD COLUMN quota_after int NOT NULL DEFAULT 0 CHECK (quota_after >= 0),
  ADD CONSTRAINT ledger_service CHECK (service IN ('recharge', 'document', 'query', 'copy', 'adjustment', 'quota')),
  ADD CONSTRAINT ledger_moves CHECK (amount <> 0 OR units <> 0);

-- Every query a centre sent, and what it got.
CREATE TABLE xm_system.queries (
  src      text NOT NULL,
  seq      bigint NOT NULL,
  criteria jsonb NOT NULL,
  at       timestamptz NOT NULL,
  outcome  text NOT NULL CHECK (outcome IN ('answered', 'refused')),
  reason   text,
  results  int NOT NULL DEFAULT 0,
  billed   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (src, seq)
);

-- Free text both ways; 'in' came from the centre, 'out' was written by an operator.
CREATE TABLE xm_system.messages (
  id          bigserial PRIMARY KEY,
  matricule   text NOT NULL REFERENCES xm_system.clients(matricule),
  direction   text NOT NULL CHECK (direction IN ('in', 'out')),
  body        text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
  author      text NOT NULL DEFAULT '',
  operator_id int REFERENCES xm_system.operators(id),
  src_seq     bigint,
  at          timestamptz NOT NULL,
  read_at     timestamptz
);
CREATE INDEX messages_client ON xm_system.messages (matricule, id DESC);
CREATE INDEX messages_unread ON xm_system.messages (id) WHERE direction = 'in' AND read_at IS NULL;

-- Officials whose name and title are printed on certified copies: per centre, or
-- national (matricule NULL) for every centre.
CREATE TABLE xm_system.signatories (
  id         serial PRIMARY KEY,
  matricule  text REFERENCES xm_system.clients(matricule),
  full_name  text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
  title      text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX signatories_client ON xm_system.signatories (matricule);

-- Messages for a centre written by an administrative action, in its transaction; the
-- process that holds the server's key seals them into the outbox.
CREATE TABLE xm_system.notices (
  id         bigserial PRIMARY KEY,
  dst        text NOT NULL REFERENCES xm_system.clients(matricule),
  msg_type   text NOT NULL CHECK (msg_type IN ('ack', 'result', 'account', 'profile', 'message', 'error', 'election')),
  body       jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

-- Signed (not encrypted) messages for every centre on the broadcast topic: the trust
-- list and the pushed forms. `mark` says what the last one was built from.
CREATE TABLE xm_system.bulletins (
  typ          text PRIMARY KEY CHECK (typ IN ('trust', 'forms')),
  version      bigint NOT NULL DEFAULT 0,
  mark         text NOT NULL DEFAULT '',
  sdc          bytea,
  built_at     timestamptz,
  published_at timestamptz
);
INSERT INTO xm_system.bulletins (typ) VALUES ('trust'), ('forms');

-- A form version the operator pushed to the centres.
ALTER TABLE xm_data.forms ADD COLUMN pushed_at timestamptz;

CREATE INDEX xm_documents_cancelled ON xm_data.documents (niu) WHERE status = 0;

CREATE TRIGGER queries_no_truncate BEFORE TRUNCATE ON xm_system.queries
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER messages_no_truncate BEFORE TRUNCATE ON xm_system.messages
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON xm_system.accounts
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
