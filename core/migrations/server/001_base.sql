-- Server schemas. xm_system: operators, clients (centres), accounts, ledger, tariffs,
-- audit. xm_data: forms, centralised documents. One database, so billing and storage
-- commit in one transaction. Later issues extend these with their own migrations.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE SCHEMA xm_system;
CREATE SCHEMA xm_data;

CREATE TABLE xm_system.operators (
  id                   serial PRIMARY KEY,
  login                text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,31}$'),
  full_name            text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
  privilege            smallint NOT NULL CHECK (privilege BETWEEN 0 AND 3),
  password_hash        text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  must_change_password boolean NOT NULL DEFAULT true,
  failed_attempts      int NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until         timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  last_login_at        timestamptz
);

-- Client status: 0 suspended (quarantine), 1 limited, 2 all but queries, 3 all services.
CREATE TABLE xm_system.clients (
  matricule  text PRIMARY KEY CHECK (matricule ~ '^[0-9]{5}$'),
  name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  city       text NOT NULL DEFAULT '',
  region     text NOT NULL DEFAULT '',
  phone      text NOT NULL DEFAULT '',
  status     smallint NOT NULL DEFAULT 3 CHECK (status BETWEEN 0 AND 3),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_seen  timestamptz
);

CREATE TABLE xm_system.tariffs (
  service     text PRIMARY KEY CHECK (service IN ('document', 'query', 'copy')),
  unit_price  bigint NOT NULL CHECK (unit_price >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Every debit and credit is a row; a balance is the sum of its client's rows.
CREATE TABLE xm_system.ledger (
  id         bigserial PRIMARY KEY,
  matricule  text NOT NULL REFERENCES xm_system.clients(matricule),
  at         timestamptz NOT NULL DEFAULT now(),
  service    text NOT NULL CHECK (service IN ('recharge', 'document', 'query', 'copy', 'adjustment')),
  amount     bigint NOT NULL CHECK (amount <> 0),
  reference  text NOT NULL DEFAULT '',
  operator_id int REFERENCES xm_system.operators(id)
);
CREATE INDEX ledger_client_at ON xm_system.ledger (matricule, at);

CREATE TABLE xm_system.audit (
  seq         bigint PRIMARY KEY CHECK (seq >= 1),
  at          timestamptz NOT NULL,
  actor_id    int,
  actor_login text,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  details     jsonb NOT NULL DEFAULT '{}',
  prev_hash   text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash        text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE TABLE xm_system.audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq  bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO xm_system.audit_head (last_seq, last_hash) VALUES (0, repeat('0', 64));

CREATE FUNCTION xm_system.append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'DS002';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON xm_system.audit
  FOR EACH ROW EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON xm_system.ledger
  FOR EACH ROW EXECUTE FUNCTION xm_system.append_only();
-- TRUNCATE skips row triggers: refuse it outright.
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON xm_system.audit
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON xm_system.audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON xm_system.ledger
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();

-- A row joins the chain only at its end; the head only moves to the row just appended.
CREATE FUNCTION xm_system.audit_chain_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  h xm_system.audit_head;
BEGIN
  IF TG_TABLE_NAME = 'audit' THEN
    SELECT * INTO h FROM xm_system.audit_head;
    IF NEW.seq <> h.last_seq + 1 OR NEW.prev_hash <> h.last_hash THEN
      RAISE EXCEPTION 'audit row % does not follow the head (%)', NEW.seq, h.last_seq USING ERRCODE = 'DS002';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' OR NEW.last_seq <> OLD.last_seq + 1 OR NOT EXISTS (
       SELECT 1 FROM xm_system.audit a WHERE a.seq = NEW.last_seq AND a.hash = NEW.last_hash AND a.prev_hash = OLD.last_hash) THEN
    RAISE EXCEPTION 'the audit head only moves to the row just appended' USING ERRCODE = 'DS002';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_follows_head BEFORE INSERT ON xm_system.audit
  FOR EACH ROW EXECUTE FUNCTION xm_system.audit_chain_guard();
CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON xm_system.audit_head
  FOR EACH ROW EXECUTE FUNCTION xm_system.audit_chain_guard();

CREATE TABLE xm_data.forms (
  id           text NOT NULL CHECK (id ~ '^[a-z][a-z0-9_]{1,40}$'),
  version      int NOT NULL CHECK (version >= 1),
  definition   jsonb NOT NULL CHECK (definition->>'id' = id AND (definition->>'version')::int = version),
  installed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

-- Centralised documents, unique by NIU. Numero is the server's own autonumber.
CREATE TABLE xm_data.documents (
  numero        bigserial PRIMARY KEY,
  niu           text NOT NULL UNIQUE CHECK (niu ~ '^[0-9]{5}-[0-9]{4}-[0-9]{6}-[0-9]{2}$'),
  matricule     text NOT NULL CHECK (matricule ~ '^[0-9]{5}$'),
  form_id       text NOT NULL,
  form_version  int NOT NULL,
  status        smallint NOT NULL CHECK (status BETWEEN 0 AND 4),
  data          jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  names_norm    text NOT NULL DEFAULT '',
  names_display text NOT NULL DEFAULT '',
  event_date    date,
  validated_at  timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  cancelled_at  timestamptz,
  cancel_reason text,
  FOREIGN KEY (form_id, form_version) REFERENCES xm_data.forms(id, version)
);
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON xm_data.documents
  FOR EACH STATEMENT EXECUTE FUNCTION xm_system.append_only();
CREATE INDEX xm_documents_names_trgm ON xm_data.documents USING gin (names_norm gin_trgm_ops);
CREATE INDEX xm_documents_matricule ON xm_data.documents (matricule, numero DESC);
CREATE INDEX xm_documents_form ON xm_data.documents (form_id, numero DESC);
CREATE INDEX xm_documents_event_date ON xm_data.documents (event_date, numero DESC);

CREATE FUNCTION xm_data.refresh_form_view(p_form text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  def  jsonb;
  f    jsonb;
  cols text := '';
BEGIN
  SELECT definition INTO def FROM xm_data.forms WHERE id = p_form ORDER BY version DESC LIMIT 1;
  IF def IS NULL THEN
    RAISE EXCEPTION 'unknown form %', p_form USING ERRCODE = 'P0002';
  END IF;
  FOR f IN SELECT * FROM jsonb_array_elements(def->'fields') LOOP
    IF f->>'type' = 'person_name' THEN
      cols := cols || format(', d.data->%L->>%L AS %I, d.data->%L->>%L AS %I',
        f->>'name', 'nom', (f->>'name') || '_nom', f->>'name', 'prenoms', (f->>'name') || '_prenoms');
    ELSIF f->>'type' = 'tally' THEN
      cols := cols || format(', d.data->%L AS %I', f->>'name', f->>'name');
    ELSE
      cols := cols || format(', (d.data->>%L)::%s AS %I', f->>'name',
        CASE f->>'type' WHEN 'date' THEN 'date' WHEN 'integer' THEN 'bigint' ELSE 'text' END, f->>'name');
    END IF;
  END LOOP;
  EXECUTE format('DROP VIEW IF EXISTS xm_data.%I', 'v_' || p_form);
  EXECUTE format(
    'CREATE VIEW xm_data.%I AS SELECT d.numero, d.niu, d.matricule, d.status, d.form_version, d.validated_at, d.received_at%s FROM xm_data.documents d WHERE d.form_id = %L',
    'v_' || p_form, cols, p_form);
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'docstream_reporting') THEN
    EXECUTE format('GRANT SELECT ON xm_data.%I TO docstream_reporting', 'v_' || p_form);
  END IF;
END $$;

-- Reporting role: reads xm_data only. Roles are cluster-wide, so create it once and
-- tolerate a concurrent creation by another database's migration.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'docstream_reporting') THEN
    BEGIN
      CREATE ROLE docstream_reporting NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END $$;
GRANT USAGE ON SCHEMA xm_data TO docstream_reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA xm_data TO docstream_reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA xm_data GRANT SELECT ON TABLES TO docstream_reporting;
