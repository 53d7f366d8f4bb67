-- Hard deletes of the in-store tables: a deleted row leaves every updated_at window, so each
-- table records what it loses here, with when (the setting instore.deleted_at when the writer
-- sets one, as the simulator does for its simulated time; the clock otherwise), for the
-- ingestion to read by the same windows as the rows. A shop's own database installs the same.
CREATE TABLE deleted_row (
    table_name TEXT         NOT NULL,
    row_id     BIGINT       NOT NULL,
    deleted_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (table_name, deleted_at, row_id)
);

CREATE FUNCTION log_deleted_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO instore.deleted_row (table_name, row_id, deleted_at)
    VALUES (TG_TABLE_NAME, CAST(to_jsonb(OLD) ->> TG_ARGV[0] AS BIGINT),
            COALESCE(CAST(NULLIF(current_setting('instore.deleted_at', TRUE), '') AS TIMESTAMP),
                     CAST(clock_timestamp() AT TIME ZONE 'UTC' AS TIMESTAMP)));
    RETURN OLD;
END
$$;

CREATE TRIGGER store_deleted AFTER DELETE ON store
    FOR EACH ROW EXECUTE FUNCTION log_deleted_row('store_id');
CREATE TRIGGER store_location_deleted AFTER DELETE ON store_location
    FOR EACH ROW EXECUTE FUNCTION log_deleted_row('store_location_id');
CREATE TRIGGER store_sales_deleted AFTER DELETE ON store_sales
    FOR EACH ROW EXECUTE FUNCTION log_deleted_row('store_sales_id');
