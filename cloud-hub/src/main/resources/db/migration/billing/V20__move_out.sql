-- an occupant's tenure: since when the account's payer is billed for the unit (null: since before billing began)
alter table billing_account add column moved_in_at timestamptz;

-- a move-out run holds one leaving occupant's final bill, issued as the move-out is settled; several may share a period
alter table bill_run add column kind text not null default 'period' check (kind in ('period', 'move-out'));
alter table bill_run drop constraint bill_run_site_id_period_from_period_to_key;
create unique index bill_run_period on bill_run (site_id, period_from, period_to) where kind = 'period';

-- a move-out as settled: the final bill's run, the meters' readings at the instant (how each was obtained), who took over
create table move_out (
    id             bigserial primary key,
    site_id        text not null,
    unit_id        text not null,
    moved_out_at   timestamptz not null,
    leaving_payer  text not null,
    arriving_payer text not null,
    run_id         bigint not null references bill_run (id),
    readings       jsonb not null,
    recorded_by    text not null,
    recorded_at    timestamptz not null
);
create index move_out_unit on move_out (site_id, unit_id, moved_out_at);
