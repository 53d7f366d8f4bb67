-- Members that exist before any source row: the "unknown customer" of anonymous store sales
-- (customer_id -1) and the store_dim member that stands for the web shop (store_id -1,
-- channel ONLINE). Both cover all time.

INSERT INTO customer_dim (customer_id, effective_date, expiration_date, is_current, is_inferred, name, user_id,
        email, referral_type, age_cohort, billing_name, billing_street, billing_city, shipping_name,
        shipping_street, shipping_city, business_date)
VALUES (-1, '1900-01-01', '9999-12-31', TRUE, FALSE, 'Unknown customer', 'Unknown', 'Unknown', 'Unknown',
        'Unknown', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', '1900-01-01');

INSERT INTO store_dim (store_id, effective_date, expiration_date, is_current, is_inferred, name, channel,
        business_date)
VALUES (-1, '1900-01-01', '9999-12-31', TRUE, FALSE, 'Web shop', 'ONLINE', '1900-01-01');
