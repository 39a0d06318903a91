-- Escalation progress of open alarms, so that a restarted hub carries on where it was.
create table escalation (
    alarm_id      bigint primary key references alarm (id) on delete cascade,
    route         text not null,
    activated_at  timestamptz not null,
    steps_done    integer not null,
    last_reminder timestamptz,
    told          text not null,
    rosters       text not null,
    chasing       boolean not null
);
