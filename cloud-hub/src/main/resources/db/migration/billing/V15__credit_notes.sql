-- a correction of an issued bill: a credit note (negative) or a debit note (positive), one fee item each, referencing
-- the bill it corrects; the bill itself never changes
create table bill_credit_note (
    id         bigserial primary key,
    bill_id    bigint not null references bill (id) on delete restrict,
    fee_item   text not null,
    amount     numeric(14, 2) not null check (amount <> 0),
    reason     text not null,
    created_by text not null,
    created_at timestamptz not null
);
create index bill_credit_note_bill on bill_credit_note (bill_id);
