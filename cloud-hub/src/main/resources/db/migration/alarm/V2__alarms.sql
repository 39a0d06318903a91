-- Alarms (ISA-18.2). A row is one alarm instance from activation until it is normal again; at most one row per
-- (site, device, type) is not normal, which the partial unique index enforces whatever the application does.
create table alarm (
    id                bigserial primary key,
    site_id           text not null,
    device_id         text not null,
    type              text not null,
    point             text,
    priority          text not null check (priority in ('life-safety', 'critical', 'major', 'minor', 'warning')),
    latching          boolean not null,
    state             text not null check (state in ('normal', 'active-unacknowledged', 'active-acknowledged', 'returned-unacknowledged')),
    condition_active  boolean not null,
    occurrences       integer not null default 1,
    label_en          text,
    label_zh          text,
    activated_at      timestamptz not null,
    changed_at        timestamptz not null,
    acknowledged_by   text,
    acknowledged_at   timestamptz,
    shelved_until     timestamptz,
    shelved_by        text,
    last_value        text
);
create unique index alarm_one_open_per_device_and_type on alarm (site_id, device_id, type) where state <> 'normal';
create index alarm_by_state on alarm (site_id, state);

-- Every change of every alarm: who (a user, or 'rule'), when, why.
create table alarm_transition (
    id         bigserial primary key,
    alarm_id   bigint not null references alarm (id) on delete cascade,
    at         timestamptz not null,
    from_state text not null,
    to_state   text not null,
    by_whom    text not null,
    why        text
);
create index alarm_transition_by_alarm on alarm_transition (alarm_id, at);
