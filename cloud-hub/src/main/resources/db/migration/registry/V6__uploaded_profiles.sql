-- Device profiles uploaded to a running hub by an engineer: kept as the text that was sent, read again at every start.
create table uploaded_profile (
    id          text primary key,
    file_name   text not null,
    body        text not null,
    uploaded_at timestamptz not null,
    uploaded_by text not null
);
