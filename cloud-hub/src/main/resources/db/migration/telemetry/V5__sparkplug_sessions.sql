-- The primary host's view of each edge node's Sparkplug session (its last birth, trust and aliases), so that a restarted
-- hub decodes what an external broker queued for it while it was down.
create table sparkplug_node (
    node     text primary key,
    bd_seq   bigint not null,
    online   boolean not null,
    saved_at timestamptz not null
);
create table sparkplug_device (
    node   text not null references sparkplug_node (node) on delete cascade,
    device text not null,
    online boolean not null,
    primary key (node, device)
);
create table sparkplug_alias (
    node   text not null references sparkplug_node (node) on delete cascade,
    alias  bigint not null,
    device text not null,
    name   text not null,
    unit   text,
    primary key (node, alias)
);
create index sparkplug_alias_device on sparkplug_alias (node, device);
