-- the unit's account holder when a payment was recorded: money paid (or prepaid) by one occupant meets only their own
-- bills unless a clerk chooses others, so a leaving occupant's prepaid balance never pays the next occupant's bills
alter table payment add column holder text;
