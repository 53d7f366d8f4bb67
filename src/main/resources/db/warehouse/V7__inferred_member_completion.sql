-- The business date on which an inferred member got its real attributes (completed in place,
-- keeping its key and its effective date): what the warehouse knew of the member before that
-- day was only its key.
ALTER TABLE customer_dim ADD COLUMN completed_date DATE;
ALTER TABLE product_dim ADD COLUMN completed_date DATE;
ALTER TABLE store_dim ADD COLUMN completed_date DATE;
