-- Operational tables beside the star schema (docs/warehouse.md).

-- Every quarantined input row: where it came from (file and line; topic, partition and
-- offset; table and key), why, and its payload with card numbers masked and passwords removed.
-- One row per origin and day, so a restarted or rerun step cannot record a reject twice.
CREATE TABLE etl_reject (
    reject_id        ${identity} PRIMARY KEY,
    business_date    DATE NOT NULL,
    source           VARCHAR(20) NOT NULL,
    entity           VARCHAR(40) NOT NULL,
    origin           VARCHAR(500) NOT NULL,
    reason           VARCHAR(1000) NOT NULL,
    payload          ${text},
    job_execution_id BIGINT,
    rejected_at      ${timestamp} NOT NULL,
    CONSTRAINT etl_reject_origin_uk UNIQUE (business_date, source, entity, origin)
) ${table_options};

-- Per business date, source and entity: what was read, staged, rejected and loaded, and the
-- money totals that reconcile the fact table with the sources.
CREATE TABLE etl_audit (
    business_date    DATE NOT NULL,
    source           VARCHAR(20) NOT NULL,
    entity           VARCHAR(40) NOT NULL,
    rows_read        BIGINT NOT NULL,
    rows_staged      BIGINT NOT NULL,
    rows_rejected    BIGINT NOT NULL,
    rows_loaded      BIGINT NOT NULL,
    source_amount    DECIMAL(18, 2),
    loaded_amount    DECIMAL(18, 2),
    job_execution_id BIGINT,
    audited_at       ${timestamp} NOT NULL,
    CONSTRAINT etl_audit_pk PRIMARY KEY (business_date, source, entity)
) ${table_options};
