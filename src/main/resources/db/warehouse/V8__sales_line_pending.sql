-- The sale lines of a business date that the set-based merge of a sales fact step could not
-- resolve in one statement (an inferred member to create, an orphan to reject, a loyalty
-- number to match loosely), left to the step's chunked writer. Kept in the warehouse so that
-- a restarted step reads the same lines; removed when the step completes.
CREATE TABLE etl_sales_line_pending (
    business_date DATE NOT NULL,
    source_system VARCHAR(20) NOT NULL,
    line_id       BIGINT NOT NULL,
    CONSTRAINT etl_sales_line_pending_pk PRIMARY KEY (business_date, source_system, line_id)
) ${table_options};
