-- The in-store database's transaction snapshot at each business date's extraction: a
-- date's rows are those its snapshot sees, and a row that committed after the previous
-- date's snapshot with an older updated_at is read by the next date (README, "In-store
-- extraction").
CREATE TABLE etl_instore_snapshot (
    business_date DATE NOT NULL,
    snapshot      ${text} NOT NULL,
    recorded_at   ${timestamp} NOT NULL,
    CONSTRAINT etl_instore_snapshot_pk PRIMARY KEY (business_date)
) ${table_options};
