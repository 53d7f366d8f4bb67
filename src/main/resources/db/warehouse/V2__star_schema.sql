-- The star schema (docs/warehouse.md), one script for every warehouse database: ${identity},
-- ${timestamp}, ${text} and ${table_options} come from the WarehouseDialect.
-- Surrogate keys are <entity>_key, natural keys <entity>_id; money is DECIMAL; every row
-- records the business date and the job execution that last wrote it.

CREATE TABLE date_dim (
    date_key         INTEGER NOT NULL PRIMARY KEY,
    full_date        DATE NOT NULL,
    day_of_week      SMALLINT NOT NULL,
    day_name         VARCHAR(10) NOT NULL,
    day_of_month     SMALLINT NOT NULL,
    month            SMALLINT NOT NULL,
    month_name       VARCHAR(10) NOT NULL,
    quarter          SMALLINT NOT NULL,
    year             SMALLINT NOT NULL,
    is_weekend       BOOLEAN NOT NULL,
    fiscal_year      SMALLINT NOT NULL,
    fiscal_quarter   SMALLINT NOT NULL,
    fiscal_month     SMALLINT NOT NULL,
    business_date    DATE,
    job_execution_id BIGINT,
    CONSTRAINT date_dim_full_date_uk UNIQUE (full_date)
) ${table_options};

CREATE TABLE customer_dim (
    customer_key      ${identity} PRIMARY KEY,
    customer_id       BIGINT NOT NULL,
    effective_date    DATE NOT NULL,
    expiration_date   DATE NOT NULL,
    is_current        BOOLEAN NOT NULL,
    is_inferred       BOOLEAN NOT NULL,
    name              VARCHAR(200),
    user_id           VARCHAR(100),
    email             VARCHAR(254),
    referral_type     VARCHAR(40),
    sex               VARCHAR(10),
    date_of_birth     DATE,
    age_cohort        VARCHAR(20),
    loyalty_number    VARCHAR(30),
    card_last4        CHAR(4),
    is_preferred      BOOLEAN,
    is_active         BOOLEAN,
    activation_date   DATE,
    deactivation_date DATE,
    start_date        DATE,
    last_update_date  DATE,
    billing_name      VARCHAR(200),
    billing_street    VARCHAR(300),
    billing_city      VARCHAR(200),
    billing_state     VARCHAR(2),
    billing_zip       VARCHAR(5),
    shipping_name     VARCHAR(200),
    shipping_street   VARCHAR(300),
    shipping_city     VARCHAR(200),
    shipping_state    VARCHAR(2),
    shipping_zip      VARCHAR(5),
    business_date     DATE NOT NULL,
    job_execution_id  BIGINT,
    CONSTRAINT customer_dim_version_uk UNIQUE (customer_id, effective_date)
) ${table_options};
CREATE INDEX customer_dim_current_idx ON customer_dim (customer_id, is_current);
CREATE INDEX customer_dim_loyalty_idx ON customer_dim (loyalty_number);

CREATE TABLE product_dim (
    product_key       ${identity} PRIMARY KEY,
    product_id        BIGINT NOT NULL,
    effective_date    DATE NOT NULL,
    expiration_date   DATE NOT NULL,
    is_current        BOOLEAN NOT NULL,
    is_inferred       BOOLEAN NOT NULL,
    name              VARCHAR(300),
    description       VARCHAR(2000),
    category          VARCHAR(100),
    brand             VARCHAR(100),
    unit_cost         DECIMAL(12, 2),
    dimensions        VARCHAR(100),
    introduced_date   DATE,
    discontinued      BOOLEAN,
    no_longer_offered BOOLEAN,
    supplier_id       BIGINT,
    supplier_name     VARCHAR(200),
    business_date     DATE NOT NULL,
    job_execution_id  BIGINT,
    CONSTRAINT product_dim_version_uk UNIQUE (product_id, effective_date)
) ${table_options};
CREATE INDEX product_dim_current_idx ON product_dim (product_id, is_current);

CREATE TABLE store_dim (
    store_key           ${identity} PRIMARY KEY,
    store_id            BIGINT NOT NULL,
    effective_date      DATE NOT NULL,
    expiration_date     DATE NOT NULL,
    is_current          BOOLEAN NOT NULL,
    is_inferred         BOOLEAN NOT NULL,
    name                VARCHAR(200),
    channel             VARCHAR(10) NOT NULL,
    manager_name        VARCHAR(200),
    number_of_employees INTEGER,
    opened_date         DATE,
    closed_date         DATE,
    street_address      VARCHAR(300),
    city                VARCHAR(200),
    state               VARCHAR(2),
    zip                 VARCHAR(5),
    sq_footage          INTEGER,
    business_date       DATE NOT NULL,
    job_execution_id    BIGINT,
    CONSTRAINT store_dim_version_uk UNIQUE (store_id, effective_date)
) ${table_options};
CREATE INDEX store_dim_current_idx ON store_dim (store_id, is_current);

-- One row per source sale line: web order lines (source_system 'ecommerce') and store sales
-- ('instore'). A RETURN has negative quantity and total_price; a line the source deleted stays,
-- flagged is_deleted.
CREATE TABLE sales_fact (
    source_system    VARCHAR(20) NOT NULL,
    source_line_id   BIGINT NOT NULL,
    date_key         INTEGER NOT NULL,
    customer_key     BIGINT NOT NULL,
    product_key      BIGINT NOT NULL,
    store_key        BIGINT NOT NULL,
    channel          VARCHAR(10) NOT NULL,
    order_id         BIGINT NOT NULL,
    transaction_type VARCHAR(10) NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price       DECIMAL(12, 2) NOT NULL,
    total_price      DECIMAL(14, 2) NOT NULL,
    is_cancelled     BOOLEAN NOT NULL,
    is_deleted       BOOLEAN NOT NULL,
    business_date    DATE NOT NULL,
    job_execution_id BIGINT,
    CONSTRAINT sales_fact_pk PRIMARY KEY (source_system, source_line_id)
) ${table_options};
CREATE INDEX sales_fact_date_idx ON sales_fact (date_key, channel);
CREATE INDEX sales_fact_business_date_idx ON sales_fact (business_date);
