-- a site's tariff file as uploaded (it is read again at each use; prices change by versions inside it)
create table tariff_file (
    site_id     text primary key,
    source_name text not null,
    source_text text not null,
    imported_at timestamptz not null,
    imported_by text not null
);

-- who each unit's bill is for and what applies to it
create table billing_account (
    site_id   text not null,
    unit_id   text not null,
    payer     text not null,
    persons   integer not null check (persons between 1 and 20),
    fee_items text not null,
    primary key (site_id, unit_id)
);
