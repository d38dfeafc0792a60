-- Experiment results: one row per exposed visitor, per order and per (visitor, action), keyed so
-- that a message delivered twice by the queue is stored once (INSERT OR IGNORE on the key).
-- Times are ms since the epoch; `day` is the UTC date (YYYY-MM-DD) of the exposure.

CREATE TABLE exposures (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  visitor TEXT NOT NULL,
  arm TEXT NOT NULL,
  ts INTEGER NOT NULL,
  day TEXT NOT NULL,
  -- The visitor's spend before the exposure: the covariate X of CUPED.
  pre_spend REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (site, experiment, visitor)
) WITHOUT ROWID;

-- Results group an experiment's visitors by arm and day.
CREATE INDEX exposures_by_arm_day ON exposures (site, experiment, arm, day);

CREATE TABLE conversions (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  order_id TEXT NOT NULL,
  visitor TEXT NOT NULL,
  arm TEXT NOT NULL,
  revenue REAL NOT NULL,
  ts INTEGER NOT NULL,
  -- "trusted" (the shop's backend) or "browser" (a hint); a trusted row replaces a browser one.
  source TEXT NOT NULL CHECK (source IN ('trusted', 'browser')),
  PRIMARY KEY (site, experiment, order_id)
) WITHOUT ROWID;

-- Results join each exposed visitor to their orders after the exposure.
CREATE INDEX conversions_by_visitor ON conversions (site, experiment, visitor, ts);

CREATE TABLE actions (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  visitor TEXT NOT NULL,
  action TEXT NOT NULL,
  arm TEXT NOT NULL,
  ts INTEGER NOT NULL,
  PRIMARY KEY (site, experiment, visitor, action)
) WITHOUT ROWID;
