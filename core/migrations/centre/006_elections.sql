-- Elections this centre enters reports for, as the server pushed them: candidates and the
-- centre's own polling stations (DESIGN §7).
CREATE TABLE docstream.elections (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  date        date NOT NULL,
  candidates  jsonb NOT NULL,
  stations    jsonb NOT NULL,
  received_at timestamptz NOT NULL
);
