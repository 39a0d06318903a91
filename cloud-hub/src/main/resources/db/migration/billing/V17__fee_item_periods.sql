-- a fee item that applies to an account only from or until a date (a parking space rented from the 10th):
-- "id|from|to" entries separated by ';', either date empty when open
alter table billing_account add column fee_item_periods text not null default '';
