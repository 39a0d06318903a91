-- staff accounts (people who sign in to the console) and machine tokens, both limited to the sites they are granted
create table staff_account (
    username             text primary key,
    display_name         text not null,
    password_hash        text not null,
    role                 text not null,
    all_sites            boolean not null default false,
    must_change_password boolean not null default false,
    failed_attempts      integer not null default 0,
    locked_until         timestamptz,
    created_at           timestamptz not null default now(),
    password_changed_at  timestamptz not null default now(),
    disabled_at          timestamptz
);

create table staff_account_site (
    username text not null references staff_account (username) on delete cascade,
    site_id  text not null,
    primary key (username, site_id)
);

-- only the hash of a session id is kept: a copy of the table signs nobody in
create table staff_session (
    id_hash      text primary key,
    username     text not null references staff_account (username) on delete cascade,
    csrf_token   text not null,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at   timestamptz not null
);
create index staff_session_username on staff_session (username);

alter table api_token drop constraint api_token_role_check;
alter table api_token add column id bigserial unique;
alter table api_token add column expires_at timestamptz;
alter table api_token add column all_sites boolean not null default true;
alter table api_token add column created_by text;
alter table api_token add column last_used_at timestamptz;

create table api_token_site (
    token_id bigint not null references api_token (id) on delete cascade,
    site_id  text not null,
    primary key (token_id, site_id)
);
