-- how a site reminds its payers (催缴): schedule, quiet hours, rate limit, channels, templates
create table reminder_policy (
    site_id    text primary key,
    policy     jsonb not null,
    updated_by text not null,
    updated_at timestamptz not null
);

-- how a unit's payer is reached and whether they opted out; it names the payer, so it lapses when the unit changes hands
create table payer_contact (
    site_id       text not null,
    unit_id       text not null,
    payer         text not null,
    phone         text,
    email         text,
    app_user      text,
    language      text not null check (language in ('zh', 'en')),
    opted_out_at  timestamptz,
    opt_out_note  text,
    updated_by    text not null,
    updated_at    timestamptz not null,
    primary key (site_id, unit_id)
);

-- every reminder sent, one row per channel, with its delivery result; bills[i] was at step steps[i] of the schedule
create table reminder (
    id        bigserial primary key,
    site_id   text not null,
    unit_id   text not null,
    payer     text not null,
    channel   text not null,
    address   text not null,
    bills     bigint[] not null,
    steps     integer[] not null,
    amount    numeric(14, 2) not null,
    text      text not null,
    sent_at   timestamptz not null,
    delivered boolean not null,
    detail    text not null
);
create index reminder_unit on reminder (site_id, unit_id, sent_at);
