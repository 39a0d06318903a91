-- money received from a payer for a unit: one row per payment, never changed; its receipt number is the site's next,
-- taken in the same transaction, so numbers have no gaps
create table payment (
    id          bigserial primary key,
    site_id     text not null,
    unit_id     text not null,
    payer       text not null,
    method      text not null check (method in ('cash', 'wechat', 'alipay', 'bank-transfer', 'card')),
    reference   text,
    amount      numeric(14, 2) not null check (amount > 0),
    received_at timestamptz not null,
    receipt_no  text not null,
    recorded_by text not null,
    recorded_at timestamptz not null,
    unique (site_id, receipt_no)
);
create index payment_unit on payment (site_id, unit_id);
-- a channel's transaction reference pays once: a statement imported twice or a double click records nothing twice
create unique index payment_channel_reference on payment (site_id, method, reference) where reference is not null;

create table receipt_counter (
    site_id text primary key,
    last    bigint not null
);

-- what a payment paid: a fee item of an issued bill. 'payment' when it was received, 'prepaid' when money kept as a
-- prepaid balance met a later bill (抵扣), 'released' (negative) when a credit note left a fee paid more than it owed
create table payment_allocation (
    id         bigserial primary key,
    payment_id bigint not null references payment (id),
    bill_id    bigint not null references bill (id) on delete restrict,
    fee_item   text not null,
    amount     numeric(14, 2) not null check (amount <> 0),
    at         timestamptz not null,
    why        text not null check (why in ('payment', 'prepaid', 'released'))
);
create index payment_allocation_bill on payment_allocation (bill_id);
create index payment_allocation_payment on payment_allocation (payment_id);

-- a refund of prepaid money, a write-off of a fee or a waiver of its late fee: asked by a clerk, decided by someone
-- else (a manager)
create table receivable_adjustment (
    id           bigserial primary key,
    site_id      text not null,
    unit_id      text not null,
    kind         text not null check (kind in ('refund', 'write-off', 'late-fee-waiver')),
    bill_id      bigint references bill (id) on delete restrict,
    fee_item     text,
    amount       numeric(14, 2) not null check (amount > 0),
    reason       text not null,
    state        text not null check (state in ('requested', 'approved', 'rejected')),
    requested_by text not null,
    requested_at timestamptz not null,
    decided_by   text,
    decided_at   timestamptz,
    check ((kind = 'refund') = (bill_id is null and fee_item is null))
);
create index receivable_adjustment_unit on receivable_adjustment (site_id, unit_id);
