-- The in-store system (docs/sources.md): stores, their locations, and the sales every branch records.
-- No foreign keys or checks on purpose: branches do write sales for unknown stores or with a
-- zero quantity, and the pipeline has to see such rows to reject them with their origin.

CREATE TABLE store (
    store_id            BIGINT PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    manager_name        VARCHAR(200),
    number_of_employees INTEGER,
    opened_date         DATE,
    closed_date         DATE,
    inserted_at         TIMESTAMP(6) NOT NULL,
    updated_at          TIMESTAMP(6) NOT NULL
);
CREATE INDEX store_updated_at_idx ON store (updated_at, store_id);

CREATE TABLE store_location (
    store_location_id BIGINT PRIMARY KEY,
    store_id          BIGINT NOT NULL,
    street_address    VARCHAR(300),
    city              VARCHAR(200),
    state             VARCHAR(100),
    zip_code          VARCHAR(20),
    sq_footage        INTEGER,
    inserted_at       TIMESTAMP(6) NOT NULL,
    updated_at        TIMESTAMP(6) NOT NULL
);
CREATE INDEX store_location_updated_at_idx ON store_location (updated_at, store_location_id);
CREATE INDEX store_location_store_idx ON store_location (store_id);

CREATE TABLE store_sales (
    store_sales_id   BIGINT PRIMARY KEY,
    store_id         BIGINT NOT NULL,
    product_id       BIGINT NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price       NUMERIC(12, 2) NOT NULL,
    total_price      NUMERIC(14, 2) NOT NULL,
    transaction_type VARCHAR(10) NOT NULL,
    transaction_date TIMESTAMP(6) NOT NULL,
    cc_number        VARCHAR(30),
    loyalty_number   VARCHAR(30),
    inserted_at      TIMESTAMP(6) NOT NULL,
    updated_at       TIMESTAMP(6) NOT NULL
);
CREATE INDEX store_sales_updated_at_idx ON store_sales (updated_at, store_sales_id);
