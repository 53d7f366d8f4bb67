-- A slice that starts after the previous date's end because the topic's retention deleted
-- the records between them before they were read, loaded only when the user accepted it:
-- lost_from is where the lost offsets begin (the previous slice's end), start_offset where
-- they end. NULL for every slice that continues where the previous one ended.
ALTER TABLE etl_kafka_slice ADD lost_from BIGINT NULL;
