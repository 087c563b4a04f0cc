-- Centre schema: users, forms, documents, NIU sequences, outbox, hash-chained audit.
-- Rules that protect authentic documents live here, not only in code.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE SCHEMA docstream;

CREATE TABLE docstream.centre (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  matricule  text NOT NULL CHECK (matricule ~ '^[0-9]{5}$'),
  name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE docstream.users (
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

CREATE TABLE docstream.forms (
  id           text NOT NULL CHECK (id ~ '^[a-z][a-z0-9_]{1,40}$'),
  version      int NOT NULL CHECK (version >= 1),
  definition   jsonb NOT NULL CHECK (definition->>'id' = id AND (definition->>'version')::int = version),
  installed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE TABLE docstream.niu_sequences (
  year       int PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
  last_value int NOT NULL CHECK (last_value BETWEEN 0 AND 999999)
);

-- Status keeps the original's byte: 0 Annulé, 1 Nouveau, 2 Import, 3 SDC, 4 Export.
CREATE TABLE docstream.documents (
  numero        bigserial PRIMARY KEY,
  form_id       text NOT NULL,
  form_version  int NOT NULL,
  status        smallint NOT NULL DEFAULT 1 CHECK (status BETWEEN 0 AND 4),
  stage         text NOT NULL DEFAULT 'draft' CHECK (stage IN ('draft', 'verified', 'validated')),
  niu           text UNIQUE CHECK (niu ~ '^[0-9]{5}-[0-9]{4}-[0-9]{6}-[0-9]{2}$'),
  data          jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  names_norm    text NOT NULL DEFAULT '',
  names_display text NOT NULL DEFAULT '',
  event_date    date,
  remark        text,
  created_by    int NOT NULL REFERENCES docstream.users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    int NOT NULL REFERENCES docstream.users(id),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  verified_by   int REFERENCES docstream.users(id),
  verified_at   timestamptz,
  validated_by  int REFERENCES docstream.users(id),
  validated_at  timestamptz,
  cancelled_by  int REFERENCES docstream.users(id),
  cancelled_at  timestamptz,
  cancel_reason text,
  FOREIGN KEY (form_id, form_version) REFERENCES docstream.forms(id, version),
  CONSTRAINT documents_niu_iff_validated CHECK ((stage = 'validated') = (niu IS NOT NULL)),
  CONSTRAINT documents_validated_has_officer CHECK (stage <> 'validated' OR (validated_by IS NOT NULL AND validated_at IS NOT NULL)),
  CONSTRAINT documents_verified_has_secretary CHECK (stage = 'draft' OR (verified_by IS NOT NULL AND verified_at IS NOT NULL)),
  CONSTRAINT documents_cancel_complete CHECK ((status = 0) = (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL)),
  CONSTRAINT documents_cancel_has_reason CHECK (status <> 0 OR length(btrim(coalesce(cancel_reason, ''))) > 0),
  CONSTRAINT documents_draft_is_new CHECK (stage = 'validated' OR status IN (0, 1))
);

CREATE INDEX documents_names_trgm ON docstream.documents USING gin (names_norm gin_trgm_ops);
CREATE INDEX documents_form_numero ON docstream.documents (form_id, numero DESC);
CREATE INDEX documents_stage_numero ON docstream.documents (stage, numero DESC);
CREATE INDEX documents_status_numero ON docstream.documents (status, numero DESC);
CREATE INDEX documents_event_date ON docstream.documents (event_date, numero DESC);

-- A validated document is immutable: only its transmission status and a cancellation
-- may change afterwards, and a cancelled one never changes again.
CREATE FUNCTION docstream.documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'document % cannot be deleted', OLD.numero USING ERRCODE = 'DS002';
  END IF;
  IF OLD.status = 0 THEN
    RAISE EXCEPTION 'document % is cancelled', OLD.numero USING ERRCODE = 'DS001';
  END IF;
  IF OLD.status = 2 AND NEW.status <> 0 THEN
    RAISE EXCEPTION 'document % was imported from the server and is read-only', OLD.numero USING ERRCODE = 'DS001';
  END IF;
  IF OLD.stage = 'validated' AND NEW.status <> OLD.status
     AND NOT ((OLD.status = 3 AND NEW.status IN (0, 4)) OR (OLD.status = 4 AND NEW.status = 0)) THEN
    RAISE EXCEPTION 'document % (NIU %): status % cannot become %', OLD.numero, OLD.niu, OLD.status, NEW.status USING ERRCODE = 'DS001';
  END IF;
  IF OLD.stage = 'validated' AND (
       NEW.stage IS DISTINCT FROM OLD.stage OR NEW.niu IS DISTINCT FROM OLD.niu
    OR NEW.verified_by IS DISTINCT FROM OLD.verified_by OR NEW.verified_at IS DISTINCT FROM OLD.verified_at
    OR NEW.data IS DISTINCT FROM OLD.data OR NEW.form_id IS DISTINCT FROM OLD.form_id
    OR NEW.form_version IS DISTINCT FROM OLD.form_version OR NEW.event_date IS DISTINCT FROM OLD.event_date
    OR NEW.names_norm IS DISTINCT FROM OLD.names_norm OR NEW.names_display IS DISTINCT FROM OLD.names_display
    OR NEW.validated_by IS DISTINCT FROM OLD.validated_by OR NEW.validated_at IS DISTINCT FROM OLD.validated_at
    OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at) THEN
    RAISE EXCEPTION 'document % is validated (NIU %)', OLD.numero, OLD.niu USING ERRCODE = 'DS001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER documents_guard BEFORE UPDATE OR DELETE ON docstream.documents
  FOR EACH ROW EXECUTE FUNCTION docstream.documents_guard();

-- TRUNCATE skips row triggers: refuse it outright on what must never lose rows.
CREATE FUNCTION docstream.no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% must never be emptied', TG_TABLE_NAME USING ERRCODE = 'DS002';
END $$;
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON docstream.documents
  FOR EACH STATEMENT EXECUTE FUNCTION docstream.no_truncate();

-- Transactional outbox: written in the same transaction as the business change; the
-- transport (issue "Secure transmission") seals and sends, then records the ack.
CREATE TABLE docstream.outbox (
  id              bigserial PRIMARY KEY,
  msg_type        text NOT NULL CHECK (msg_type IN ('docs', 'cancel')),
  document_numero bigint NOT NULL REFERENCES docstream.documents(numero),
  niu             text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  acked_at        timestamptz,
  attempts        int NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON docstream.outbox (id) WHERE acked_at IS NULL;

-- Hash-chained audit log: each row's hash covers its content and the previous hash;
-- the head row holds the last sequence and hash so removed tail rows are detected too.
CREATE TABLE docstream.audit (
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
CREATE INDEX audit_entity ON docstream.audit (entity, entity_id, seq);

CREATE TABLE docstream.audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq  bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO docstream.audit_head (last_seq, last_hash) VALUES (0, repeat('0', 64));

CREATE FUNCTION docstream.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'DS002';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON docstream.audit
  FOR EACH ROW EXECUTE FUNCTION docstream.audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON docstream.audit
  FOR EACH STATEMENT EXECUTE FUNCTION docstream.no_truncate();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON docstream.audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION docstream.no_truncate();
CREATE TRIGGER outbox_no_truncate BEFORE TRUNCATE ON docstream.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION docstream.no_truncate();

-- A row joins the chain only at its end, and the head only moves to the row just
-- appended: wiping the log and resetting the head is refused, not just detected later.
CREATE FUNCTION docstream.audit_chain_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  h docstream.audit_head;
BEGIN
  IF TG_TABLE_NAME = 'audit' THEN
    SELECT * INTO h FROM docstream.audit_head;
    IF NEW.seq <> h.last_seq + 1 OR NEW.prev_hash <> h.last_hash THEN
      RAISE EXCEPTION 'audit row % does not follow the head (%)', NEW.seq, h.last_seq USING ERRCODE = 'DS002';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' OR NEW.last_seq <> OLD.last_seq + 1 OR NOT EXISTS (
       SELECT 1 FROM docstream.audit a WHERE a.seq = NEW.last_seq AND a.hash = NEW.last_hash AND a.prev_hash = OLD.last_hash) THEN
    RAISE EXCEPTION 'the audit head only moves to the row just appended' USING ERRCODE = 'DS002';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_follows_head BEFORE INSERT ON docstream.audit
  FOR EACH ROW EXECUTE FUNCTION docstream.audit_chain_guard();
CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON docstream.audit_head
  FOR EACH ROW EXECUTE FUNCTION docstream.audit_chain_guard();

-- One view per document kind with one real column per form field, so psql, spreadsheets
-- and BI tools read documents without knowing JSON. Rebuilt when a form is installed.
CREATE FUNCTION docstream.refresh_form_view(p_form text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  def  jsonb;
  f    jsonb;
  cols text := '';
BEGIN
  SELECT definition INTO def FROM docstream.forms WHERE id = p_form ORDER BY version DESC LIMIT 1;
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
  EXECUTE format('DROP VIEW IF EXISTS docstream.%I', 'v_' || p_form);
  EXECUTE format(
    'CREATE VIEW docstream.%I AS SELECT d.numero, d.niu, d.status, d.stage, d.form_version, d.created_at, d.validated_at%s FROM docstream.documents d WHERE d.form_id = %L',
    'v_' || p_form, cols, p_form);
END $$;
