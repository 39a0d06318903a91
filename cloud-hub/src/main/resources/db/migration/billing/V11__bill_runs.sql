-- a bill run: the bills of a site's accounts for one period; draft (re-run freely) → approved → issued (never changed)
create table bill_run (
    id          bigserial primary key,
    site_id     text not null,
    period_from date not null,
    period_to   date not null,
    state       text not null check (state in ('draft', 'approved', 'issued')),
    created_by  text not null,
    created_at  timestamptz not null,
    computed_at timestamptz not null,
    approved_by text,
    approved_at timestamptz,
    issued_by   text,
    issued_at   timestamptz,
    check (period_from < period_to),
    unique (site_id, period_from, period_to)
);

create table bill (
    id        bigserial primary key,
    run_id    bigint not null references bill_run (id) on delete cascade,
    unit_id   text not null,
    payer     text not null,
    total     numeric(14, 2) not null,
    estimated boolean not null,
    unique (run_id, unit_id)
);

create table bill_line (
    bill_id    bigint not null references bill (id) on delete cascade,
    position   integer not null,
    fee_item   text not null,
    basis      text not null,
    quantity   numeric(20, 6) not null,
    unit       text,
    unit_price numeric(14, 6),
    amount     numeric(14, 2) not null,
    estimated  boolean not null,
    primary key (bill_id, position)
);
