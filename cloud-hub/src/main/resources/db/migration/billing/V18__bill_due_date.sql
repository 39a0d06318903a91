-- the day a bill falls due, fixed when its run is issued (the last day of the period plus the notice's due days), so
-- that a later tariff change does not move what a payer was told; late fees and arrears count from it
alter table bill_run add column due_on date;
update bill_run set due_on = period_to + 14 where state = 'issued';
alter table bill_run add constraint bill_run_issued_has_due_date check (state <> 'issued' or due_on is not null);
