-- The calendar reads a plan's orders by due day, a technician their open orders, an equipment page its orders
-- (bench/maintenance.sh: 100,000 orders).
create index work_order_by_plan_due on work_order (site_id, plan_id, due_at) where plan_id is not null;
create index work_order_by_assignee on work_order (site_id, assignee) where state in ('open', 'assigned', 'in-progress', 'on-hold');
create index work_order_by_equipment on work_order (site_id, equipment, id);
