-- what each printed line is, its frozen fee name, VAT rate and 转供电 flag, and the readings behind a metered line
alter table bill_line add column kind text not null default 'tier';
alter table bill_line add column fee_name text not null default '';
alter table bill_line add column tax_rate numeric(5, 4);
alter table bill_line add column resold boolean not null default false;
alter table bill_line add column readings jsonb not null default '[]';

-- what a reviewer should look at without it stopping the run: a fee ±50 % against the unit's last issued bill
alter table bill add column flags text not null default '';

-- an anomaly a person decided to bill anyway, with why; kept by its text across recomputations of the draft
create table bill_override (
    run_id     bigint not null references bill_run (id) on delete cascade,
    unit_id    text not null,
    anomaly    text not null,
    reason     text not null,
    created_by text not null,
    created_at timestamptz not null,
    primary key (run_id, unit_id, anomaly)
);

-- 转供电: the grid's bill for the master meter over the run's period; resold charges may not exceed it
alter table bill_run add column grid_bill numeric(14, 2);
alter table bill_run add column grid_bill_reference text;
alter table bill_run add column grid_bill_by text;
