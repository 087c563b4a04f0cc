-- Which process runs the transmission service (a console or `docstream-centre run`), and
-- when it last said so: a second one refuses to start while the first is alive, instead of
-- the two taking the broker session from each other in turn. Times are the database's.
ALTER TABLE docstream.link_state
  ADD COLUMN service_owner        text,
  ADD COLUMN service_started_at   timestamptz,
  ADD COLUMN service_heartbeat_at timestamptz;
