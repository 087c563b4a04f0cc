-- Resolving what the ingest set aside (DESIGN §4, §7): an operator decides each conflict
-- once, with a remark; a supervisor may reject a quarantined container for good. Both
-- are recorded, never deleted, and a decision is never taken back.

-- Conflicts: `resolution` (present since 002, unused until now) holds the decision.
-- keep: the centralised version stands, the centre is told its version was not stored;
-- ask_cancel: the centralised version is judged wrong, the centre is asked to cancel it
-- and validate a new document (new NIU). Neither touches the centralised document.
ALTER TABLE xm_data.conflicts
  ADD COLUMN remark text,
  ADD COLUMN resolved_by int REFERENCES xm_system.operators(id),
  ADD CONSTRAINT conflicts_decision CHECK (resolution IS NULL OR resolution IN ('keep', 'ask_cancel')),
  ADD CONSTRAINT conflicts_remark CHECK (remark IS NULL OR length(btrim(remark)) BETWEEN 1 AND 1000),
  ADD CONSTRAINT conflicts_resolved_whole CHECK (
    (resolved_at IS NULL) = (resolution IS NULL) AND (resolved_at IS NULL) = (remark IS NULL)
    AND (resolved_at IS NULL) = (resolved_by IS NULL));
CREATE INDEX conflicts_open ON xm_data.conflicts (id) WHERE resolved_at IS NULL;
CREATE INDEX conflicts_matricule ON xm_data.conflicts (matricule, id);

-- What arrived is never changed nor deleted; a resolution is written once.
CREATE FUNCTION xm_data.conflicts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'conflict % cannot be deleted', OLD.id USING ERRCODE = 'DS002';
  END IF;
  IF OLD.resolved_at IS NOT NULL THEN
    RAISE EXCEPTION 'conflict % was already resolved', OLD.id USING ERRCODE = 'DS003';
  END IF;
  IF NEW.id <> OLD.id OR NEW.niu <> OLD.niu OR NEW.matricule <> OLD.matricule OR NEW.form_id <> OLD.form_id
     OR NEW.form_version <> OLD.form_version OR NEW.data <> OLD.data OR NEW.validated_at <> OLD.validated_at
     OR NEW.src_seq <> OLD.src_seq OR NEW.received_at <> OLD.received_at THEN
    RAISE EXCEPTION 'conflict % keeps the version as received', OLD.id USING ERRCODE = 'DS001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER conflicts_guard BEFORE UPDATE OR DELETE ON xm_data.conflicts
  FOR EACH ROW EXECUTE FUNCTION xm_data.conflicts_guard();

-- Quarantine: a held container ends released (integrated) or rejected (kept, never
-- integrated), not both, and only once. `documents` is counted on arrival (NULL for
-- containers held before this migration).
ALTER TABLE xm_system.quarantine
  ADD COLUMN documents int CHECK (documents >= 0),
  ADD COLUMN rejected_at timestamptz,
  ADD COLUMN reject_reason text,
  ADD COLUMN rejected_by int REFERENCES xm_system.operators(id),
  ADD CONSTRAINT quarantine_one_end CHECK (released_at IS NULL OR rejected_at IS NULL),
  ADD CONSTRAINT quarantine_rejected_whole CHECK (
    (rejected_at IS NULL) = (reject_reason IS NULL) AND (rejected_at IS NULL) = (rejected_by IS NULL)),
  ADD CONSTRAINT quarantine_reason CHECK (reject_reason IS NULL OR length(btrim(reject_reason)) BETWEEN 1 AND 500);
CREATE INDEX quarantine_held ON xm_system.quarantine (src, seq) WHERE released_at IS NULL AND rejected_at IS NULL;

CREATE FUNCTION xm_system.quarantine_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'quarantined container %#% cannot be deleted', OLD.src, OLD.seq USING ERRCODE = 'DS002';
  END IF;
  IF OLD.released_at IS NOT NULL OR OLD.rejected_at IS NOT NULL THEN
    RAISE EXCEPTION 'quarantined container %#% was already released or rejected', OLD.src, OLD.seq USING ERRCODE = 'DS003';
  END IF;
  IF NEW.src <> OLD.src OR NEW.seq <> OLD.seq OR NEW.msg_type <> OLD.msg_type OR NEW.payload <> OLD.payload
     OR NEW.received_at <> OLD.received_at OR NEW.documents IS DISTINCT FROM OLD.documents THEN
    RAISE EXCEPTION 'quarantined container %#% is kept as received', OLD.src, OLD.seq USING ERRCODE = 'DS001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER quarantine_guard BEFORE UPDATE OR DELETE ON xm_system.quarantine
  FOR EACH ROW EXECUTE FUNCTION xm_system.quarantine_guard();

-- A document's history reads its audit entries by entity (the detail screen).
CREATE INDEX audit_entity ON xm_system.audit (entity, entity_id);
