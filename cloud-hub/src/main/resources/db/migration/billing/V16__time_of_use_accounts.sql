-- a household that opted in to time-of-use prices (峰谷电价): its metered fees with time-of-use bands are priced per band
alter table billing_account add column time_of_use boolean not null default false;
