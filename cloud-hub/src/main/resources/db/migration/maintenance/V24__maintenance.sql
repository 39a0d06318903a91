-- Maintenance (issue 19): the equipment ledger's own entries (devices of the site files are listed from there), work
-- orders with their history, occurrences, photos, the sites' maintenance settings and plans.

create table equipment (
    site_id          text not null,
    id               text not null,
    kind             text not null,
    name_zh          text,
    name_en          text,
    building_id      text,
    floor            text,
    area             text,
    model            text,
    manufacturer     text,
    serial           text,
    installed_on     date,
    commissioned_on  date,
    supplier         text,
    warranty_until   date,
    parent_id        text,
    status           text not null default 'in-service' check (status in ('in-service', 'down', 'under-maintenance', 'retired')),
    documents        jsonb not null default '[]',
    primary key (site_id, id)
);

-- status history of every piece of equipment, telemetry or not
create table equipment_status (
    id          bigserial primary key,
    site_id     text not null,
    equipment   text not null,
    status      text not null,
    at          timestamptz not null,
    by_whom     text not null,
    why         text
);
create index equipment_status_by_equipment on equipment_status (site_id, equipment, at);

create table work_order (
    id                  bigserial primary key,
    site_id             text not null,
    equipment           text,
    building_id         text,
    kind                text not null check (kind in ('corrective', 'preventive', 'inspection')),
    source              text not null check (source in ('alarm', 'plan', 'resident', 'manual', 'follow-up')),
    title_zh            text not null,
    title_en            text not null,
    description         text,
    location            text,
    priority            text not null check (priority in ('immediate', 'high', 'medium', 'low')),
    state               text not null check (state in ('open', 'assigned', 'in-progress', 'on-hold', 'done', 'closed', 'cancelled', 'missed')),
    alarm_type          text,
    alarm_id            bigint,
    occurrences         integer not null default 1,
    plan_id             text,
    plan_visit          integer,
    plan_level          text,
    due_at              timestamptz,
    interval_days       numeric,
    usage_due           numeric,
    failure_at          timestamptz,
    opened_at           timestamptz not null,
    opened_by           text not null,
    assignee            text,
    team                text,
    started_at          timestamptz,
    restored_at         timestamptz,
    done_at             timestamptz,
    closed_at           timestamptz,
    respond_by          timestamptz,
    resolve_by          timestamptz,
    sla_stage           integer not null default 0,
    response_breached   boolean not null default false,
    resolution_breached boolean not null default false,
    signed_by           text,
    verified_by         text,
    labour_minutes      integer not null default 0,
    parts               jsonb not null default '[]',
    cost                numeric(12, 2) not null default 0,
    checklist           jsonb not null default '[]',
    reporter            text,
    contact             text,
    rating              integer check (rating between 1 and 5),
    return_visit        text,
    parent_id           bigint references work_order (id),
    usage_at_done       numeric
);
-- one open order per piece of equipment and alarm kind, whatever the application does; a done order is no longer
-- open: a fault after it is a new failure (and the first fix did not hold)
create unique index work_order_one_open_per_alarm on work_order (site_id, equipment, alarm_type)
    where alarm_type is not null and state in ('open', 'assigned', 'in-progress', 'on-hold');
-- a plan's visit is generated once
create unique index work_order_one_per_visit on work_order (site_id, plan_id, plan_visit) where plan_id is not null;
create index work_order_by_state on work_order (site_id, state);

create table work_order_event (
    id          bigserial primary key,
    order_id    bigint not null references work_order (id) on delete cascade,
    at          timestamptz not null,
    by_whom     text not null,
    from_state  text,
    to_state    text,
    what        text not null
);
create index work_order_event_by_order on work_order_event (order_id, at);

create table work_order_occurrence (
    id          bigserial primary key,
    order_id    bigint not null references work_order (id) on delete cascade,
    alarm_id    bigint,
    at          timestamptz not null,
    value       text
);

create table work_order_photo (
    id            bigserial primary key,
    order_id      bigint not null references work_order (id) on delete cascade,
    item          integer,
    content_type  text not null,
    bytes         bytea not null,
    at            timestamptz not null,
    by_whom       text not null
);

create table maintenance_settings (
    site_id   text primary key,
    settings  jsonb not null,
    saved_at  timestamptz not null,
    saved_by  text not null
);

create table maintenance_plan (
    site_id    text not null,
    id         text not null,
    plan       jsonb not null,
    saved_at   timestamptz not null,
    saved_by   text not null,
    primary key (site_id, id)
);
