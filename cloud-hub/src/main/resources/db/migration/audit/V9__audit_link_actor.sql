-- acknowledgements through a signed link (an SMS or e-mail) are recorded as made by 'link:<person>'
alter table audit_entry drop constraint audit_entry_actor_kind_check;
alter table audit_entry add constraint audit_entry_actor_kind_check check (actor_kind in ('account', 'token', 'system', 'anonymous', 'link'));
