-- energy rollups: what each meter's counter advanced per local hour and per local day, kept as readings are stored
-- (a read model: rebuilt from the time series on demand, never the only copy of anything)
create table energy_hour (
    site_id   text not null,
    device_id text not null,
    hour      timestamptz not null,
    usage     numeric(20, 3) not null,
    estimated boolean not null,
    steps     integer not null,
    primary key (site_id, device_id, hour)
);

create table energy_day (
    site_id   text not null,
    device_id text not null,
    day       date not null,
    usage     numeric(20, 3) not null,
    estimated boolean not null,
    primary key (site_id, device_id, day)
);
create index energy_day_by_day on energy_day (site_id, day);

-- the last reading each meter's rollup has taken in, written in the same transaction as the hours it added to:
-- after a crash the rollup resumes from here, reading what was stored since from the time series
create table energy_rollup_position (
    site_id   text not null,
    device_id text not null,
    point     text not null,
    at        timestamptz not null,
    value     numeric not null,
    primary key (site_id, device_id)
);
