-- Devices taken out of service (under repair): their alarms do not activate until they return.
create table device_out_of_service (
    site_id   text not null,
    device_id text not null,
    since     timestamptz not null,
    until     timestamptz,
    by_whom   text not null,
    reason    text,
    primary key (site_id, device_id)
);
