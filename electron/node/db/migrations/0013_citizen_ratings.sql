-- The citizen display's 1–5 satisfaction rating, one per dossier. No personal data: the dossier
-- code, the rating, when, at which counter and whether it came by touch or the serial keypad.
CREATE TABLE dossier_ratings (
  ma_ho_so    TEXT PRIMARY KEY,
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  rated_at    TEXT NOT NULL,
  counter_id  TEXT,
  source      TEXT NOT NULL CHECK (source IN ('touch', 'keypad'))
) STRICT;
CREATE INDEX dossier_ratings_at ON dossier_ratings (rated_at);
