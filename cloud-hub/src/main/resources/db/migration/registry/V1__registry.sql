-- The community registry: what exists where, and which meter served what when.
create table site (
    id          text primary key,
    name_en     text,
    name_zh     text,
    time_zone   text not null,
    source_name text not null,
    source_text text not null,
    imported_at timestamptz not null default now()
);

create table building (
    site_id text not null references site (id) on delete cascade,
    id      text not null,
    name_en text,
    name_zh text,
    primary key (site_id, id)
);

create table floor (
    site_id     text not null,
    building_id text not null,
    level       integer not null,
    primary key (site_id, building_id, level),
    foreign key (site_id, building_id) references building (site_id, id) on delete cascade
);

create table property_unit (
    site_id     text not null references site (id) on delete cascade,
    id          text not null,
    building_id text not null,
    floor       integer not null,
    area_m2     numeric(12, 2),
    name_en     text,
    name_zh     text,
    primary key (site_id, id)
);

create table common_area (
    site_id     text not null references site (id) on delete cascade,
    id          text not null,
    building_id text,
    area_m2     numeric(12, 2),
    name_en     text,
    name_zh     text,
    primary key (site_id, id)
);

-- A gateway's MQTT credentials: only a salted PBKDF2 hash is kept.
create table gateway (
    site_id       text not null references site (id) on delete cascade,
    id            text not null,
    building_id   text,
    mqtt_username text,
    password_hash text,
    primary key (site_id, id)
);

create table device (
    site_id            text not null references site (id) on delete cascade,
    id                 text not null,
    profile            text not null,
    gateway_id         text,
    building_id        text,
    floor              integer,
    serves_unit        text,
    serves_common_area text,
    serves_building    text,
    name_en            text,
    name_zh            text,
    removed_at         timestamptz,
    primary key (site_id, id)
);

-- Which meter served which unit, common area or building, and from when to when. A replaced meter's row is closed
-- (effective_to) with its final reading and the new meter's row opened with its initial reading, so that usage
-- across the replacement is (final - last billed) + (current - initial).
create table meter_assignment (
    id              bigserial primary key,
    site_id         text not null references site (id) on delete cascade,
    device_id       text not null,
    target_kind     text not null check (target_kind in ('unit', 'common-area', 'building')),
    target_id       text not null,
    effective_from  timestamptz not null,
    effective_to    timestamptz,
    initial_reading numeric(20, 6),
    final_reading   numeric(20, 6),
    note            text,
    check (effective_to is null or effective_to > effective_from),
    unique (site_id, device_id, effective_from)
);
create index meter_assignment_target on meter_assignment (site_id, target_id, effective_from);

create table api_token (
    token_hash text primary key,
    name       text not null,
    role       text not null check (role in ('admin', 'engineer', 'operator', 'billing', 'read-only')),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
