-- The operations simulator's own bookkeeping, beside the in-store tables it fills: which
-- business days the simulated world has lived through, the generator's state after each (so
-- that the next day continues from it), and every defect it injected, by kind.
CREATE SCHEMA IF NOT EXISTS simulator;

CREATE TABLE simulator.simulated_day (
    business_date   DATE PRIMARY KEY,
    day_number      INTEGER NOT NULL UNIQUE,
    seed            BIGINT NOT NULL,
    scale           NUMERIC(10, 3) NOT NULL,
    changes         INTEGER NOT NULL,
    generator_state BYTEA NOT NULL,
    simulated_at    TIMESTAMP(6) NOT NULL
);

CREATE TABLE simulator.injected_defect (
    business_date DATE NOT NULL REFERENCES simulator.simulated_day (business_date),
    sequence      INTEGER NOT NULL,
    kind          VARCHAR(40) NOT NULL,
    source        VARCHAR(20) NOT NULL,
    entity        VARCHAR(40) NOT NULL,
    entity_key    BIGINT NOT NULL,
    detail        VARCHAR(200),
    PRIMARY KEY (business_date, sequence)
);
