-- What each business date's Kafka ingestion reads: per topic partition, the offsets from
-- where the previous date's slice ended to the end offsets when the date was first ingested.
-- Kept with the job's own state (not only in consumer-group commits), so that a restart or a
-- rerun of the date reads exactly the same records, and the next date starts where it ended.
CREATE TABLE etl_kafka_slice (
    business_date DATE NOT NULL,
    topic         VARCHAR(200) NOT NULL,
    partition_id  INTEGER NOT NULL,
    start_offset  BIGINT NOT NULL,
    end_offset    BIGINT NOT NULL,
    recorded_at   ${timestamp} NOT NULL,
    CONSTRAINT etl_kafka_slice_pk PRIMARY KEY (business_date, topic, partition_id)
) ${table_options};
