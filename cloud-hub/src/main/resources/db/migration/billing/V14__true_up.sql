-- an issued bill's estimated metered fees settled by an adjustment line in a later run (its draft, until issued)
create table bill_true_up (
    bill_id bigint primary key references bill (id) on delete cascade,
    run_id  bigint not null references bill_run (id) on delete cascade
);
