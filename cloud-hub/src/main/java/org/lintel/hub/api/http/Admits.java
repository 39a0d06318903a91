package org.lintel.hub.api.http;

import java.util.EnumSet;
import java.util.Set;
import org.lintel.hub.auth.Role;

/**
 * Who may use what, in one place: each endpoint admits one of these groups (and admin, always). docs/hub.md has the
 * table of roles and endpoints; HubAccessTest drives it.
 */
public final class Admits {

    /** Every signed-in role: readings, alarms, sites, units, profiles. */
    public static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    /** Site files, device profiles. */
    public static final Set<Role> ENGINEERS = EnumSet.of(Role.ENGINEER);
    /** Acknowledging, resetting and shelving alarms. */
    public static final Set<Role> ALARM_HANDLERS = EnumSet.of(Role.ENGINEER, Role.OPERATOR);
    /** Taking a device out of service and back: engineers and the technicians who repair it. */
    public static final Set<Role> MAINTAINERS = EnumSet.of(Role.ENGINEER, Role.TECHNICIAN);
    /** Metered usage and meter assignments: what bills are made of. */
    public static final Set<Role> USAGE_READERS = EnumSet.of(Role.ENGINEER, Role.BILLING, Role.MANAGER);
    /** Tariffs, billing accounts and bills: the billing clerks (收费员). */
    public static final Set<Role> BILLING_CLERKS = EnumSet.of(Role.BILLING);
    /** Reading tariffs, accounts and bills: clerks and managers. */
    public static final Set<Role> BILL_READERS = EnumSet.of(Role.BILLING, Role.MANAGER);
    /** Recording a meter replacement. */
    public static final Set<Role> METER_CHANGERS = EnumSet.of(Role.ENGINEER, Role.BILLING);
    /** Accounts, tokens, the audit trail, the broker's ACL. */
    public static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    private Admits() {
    }
}
