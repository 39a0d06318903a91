-- every change made through the API, with who made it and the state before and after; never updated or deleted
create table audit_entry (
    id         bigserial primary key,
    at         timestamptz not null,
    actor      text not null,
    actor_kind text not null check (actor_kind in ('account', 'token', 'system', 'anonymous')),
    site_id    text,
    action     text not null,
    subject    text not null,
    request    jsonb,
    before     jsonb,
    after      jsonb
);
create index audit_entry_at on audit_entry (at);
create index audit_entry_site_at on audit_entry (site_id, at);
