-- what stopped a fee of a bill from being priced, or makes it doubtful, one per line; a run with any is not issued
alter table bill add column anomalies text not null default '';
