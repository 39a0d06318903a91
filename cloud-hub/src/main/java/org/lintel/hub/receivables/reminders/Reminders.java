package org.lintel.hub.receivables.reminders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.notify.EmailOutbound;
import org.lintel.hub.notify.Outbound;
import org.lintel.hub.notify.SmsOutbound;
import org.lintel.hub.notify.WebhookOutbound;
import org.lintel.hub.receivables.OpenItem;
import org.lintel.hub.receivables.Receivables;
import org.lintel.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the reminders that are due (催缴). A payer is reminded of their own open bills (never a former occupant's)
 * when a bill reaches a step of the site's schedule that has not been delivered yet; never in the quiet hours, never
 * twice within the policy's interval, never after they opted out; one message for all their open bills, through every
 * channel the policy has and the contact has an address for. Each reminder is logged with the channel's answer; a
 * step whose every channel failed is tried again at the next pass, three times at most.
 */
public final class Reminders {

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);
    static final int ATTEMPTS = 3;

    /** Whom a unit's bills are for now, the room as printed, the site's name, how to pay (by language), the site's zone. */
    public record Site(Function<String, Optional<String>> holder, Function<String, String> room, String name, Function<String, String> howToPay,
                       ZoneId zone) {
    }

    private final ReminderStore store;
    private final Receivables receivables;
    private final Function<String, Site> sites;
    private final Clock clock;
    private final Function<ReminderPolicy, List<Outbound>> channels;

    /** The hub's reminders: channels built from each site's policy. */
    public Reminders(Database db, Receivables receivables, Function<String, Site> sites, Clock clock) {
        this(db, receivables, sites, clock, Reminders::channels);
    }

    Reminders(Database db, Receivables receivables, Function<String, Site> sites, Clock clock, Function<ReminderPolicy, List<Outbound>> channels) {
        this.store = new ReminderStore(db);
        this.receivables = receivables;
        this.sites = sites;
        this.clock = clock;
        this.channels = channels;
    }

    static List<Outbound> channels(ReminderPolicy p) {
        List<Outbound> out = new ArrayList<>();
        if (p.sms() != null) {
            out.add(new SmsOutbound(p.sms().url(), p.sms().body(), p.sms().contentType()));
        }
        if (p.email() != null) {
            out.add(new EmailOutbound(p.email().host(), p.email().port(), p.email().startTls(), p.email().from()));
        }
        if (p.webhook() != null) {
            out.add(new WebhookOutbound(p.webhook().url(), "payment-reminder"));
        }
        return out;
    }

    public ReminderPolicy putPolicy(String site, Map<String, Object> json, String by) {
        ReminderPolicy p = ReminderPolicy.parse(json);
        store.putPolicy(site, json, by, clock.instant());
        LOG.info("event=reminder-policy-set site={} schedule={} channels={} by=\"{}\"", site, p.schedule(), channels.apply(p).stream()
                .map(Outbound::kind).toList(), by.replace('"', '\''));
        return p;
    }

    public Optional<ReminderPolicy> policy(String site) {
        return store.policy(site).map(ReminderPolicy::parse);
    }

    /** Records how the unit's current payer is reached; {@code optOut} true records an opt-out (false takes it back). */
    public PayerContact putContact(String site, String unit, String phone, String email, String appUser, String language, boolean optOut, String note,
                                   String by) {
        String lang = language == null ? "zh" : language;
        if (!List.of("zh", "en").contains(lang)) {
            throw new BillingException(BillingException.Kind.INVALID, "language", "field 'language': zh or en, not '" + lang + "'", null);
        }
        if (phone != null && !phone.matches("\\+?[0-9][0-9 -]{5,19}")) {
            throw new BillingException(BillingException.Kind.INVALID, "phone", "field 'phone': a phone number of digits, e.g. 13800138000; found '"
                    + (phone.length() > 25 ? phone.substring(0, 25) + "…" : phone) + "'", null);
        }
        if (email != null && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}")) {
            throw new BillingException(BillingException.Kind.INVALID, "email", "field 'email': an e-mail address; found '"
                    + (email.length() > 40 ? email.substring(0, 40) + "…" : email) + "'", null);
        }
        String payer = sites.apply(site).holder().apply(unit).orElseThrow(() -> new BillingException(BillingException.Kind.NOT_FOUND, null,
                "unit " + unit + " has no billing account; a contact belongs to its payer", null));
        Instant now = clock.instant();
        Optional<PayerContact> before = store.contacts(site, unit).stream().findFirst();
        Instant optedOut = !optOut ? null : before.filter(PayerContact::optedOut).filter(b -> b.payer().equals(payer)).map(PayerContact::optedOutAt).orElse(now);
        PayerContact k = new PayerContact(site, unit, payer, phone, email, appUser, lang, optedOut, optOut ? note : null, by, now);
        store.putContact(k);
        LOG.info("event=payer-contact-set site={} unit={} sms={} email={} app={} opted_out={} by=\"{}\"", site, unit, phone != null, email != null,
                appUser != null, optOut, by.replace('"', '\''));
        return k;
    }

    public List<PayerContact> contacts(String site, String unit) {
        return store.contacts(site, unit);
    }

    public List<Reminder> log(String site, String unit, int limit) {
        return store.log(site, unit, limit);
    }

    /**
     * One pass over the site at the clock's now: the reminders sent (an empty list in quiet hours or without a policy).
     * Passes take turns (the scheduler's and a clerk's button at once would otherwise both see a step unsent).
     */
    public synchronized List<Reminder> sendDue(String site) {
        Optional<ReminderPolicy> found = policy(site);
        if (found.isEmpty()) {
            return List.of();
        }
        ReminderPolicy policy = found.get();
        Site s = sites.apply(site);
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(s.zone());
        if (policy.quiet(local.toLocalTime())) {
            return List.of();
        }
        LocalDate today = local.toLocalDate();
        Map<String, List<OpenItem>> items = receivables.items(site);
        java.util.Set<Long> openBills = new java.util.HashSet<>();
        items.values().forEach(list -> list.stream().filter(OpenItem::open).forEach(i -> openBills.add(i.billId())));
        List<Reminder> history = store.relevant(site, now.minus(Duration.ofDays(policy.minIntervalDays())), openBills);
        List<Outbound> outbound = channels.apply(policy);
        List<Reminder> sent = new ArrayList<>();
        for (PayerContact k : store.contacts(site, null)) {
            if (k.optedOut() || !items.containsKey(k.unit())) {
                continue;
            }
            Optional<String> holder = s.holder().apply(k.unit());
            if (holder.isEmpty() || !holder.get().equals(k.payer())) {
                continue; // the unit changed hands: this contact is the former occupant's
            }
            List<Reminder> theirs = history.stream().filter(r -> r.unit().equals(k.unit()) && r.payer().equals(k.payer())).toList();
            if (theirs.stream().anyMatch(r -> r.delivered() && r.sentAt().isAfter(now.minus(Duration.ofDays(policy.minIntervalDays()))))) {
                continue;
            }
            sent.addAll(remind(site, s, policy, outbound, k, items.get(k.unit()), theirs, today, now));
        }
        return sent;
    }

    private List<Reminder> remind(String site, Site s, ReminderPolicy policy, List<Outbound> outbound, PayerContact k, List<OpenItem> unitItems,
                                  List<Reminder> theirs, LocalDate today, Instant now) {
        Map<Long, String> payers = receivables.billPayers(site, k.unit());
        Map<Long, BigDecimal> owed = new TreeMap<>();
        Map<Long, OpenItem> first = new HashMap<>();
        for (OpenItem i : unitItems) {
            if (i.open() && k.payer().equals(payers.get(i.billId()))) {
                owed.merge(i.billId(), i.owed(), BigDecimal::add);
                first.putIfAbsent(i.billId(), i);
            }
        }
        long usable = outbound.stream().filter(o -> address(o, k) != null).map(Outbound::kind).distinct().count();
        if (usable == 0) {
            return List.of();
        }
        Set<String> addresses = new HashSet<>();
        outbound.forEach(o -> {
            if (address(o, k) != null) {
                addresses.add(address(o, k));
            }
        });
        List<Long> bills = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        boolean anyDue = false;
        for (Long bill : owed.keySet()) {
            OpenItem i = first.get(bill);
            Integer step = null;
            for (int d : policy.schedule()) {
                if (i.dueOn() != null && !i.dueOn().plusDays(d).isAfter(today)) {
                    step = d;
                }
            }
            bills.add(bill);
            steps.add(step == null ? Integer.MIN_VALUE : step);
            if (step == null) {
                continue;
            }
            int at = step;
            boolean delivered = theirs.stream().anyMatch(r -> r.delivered() && stepOf(r, bill) == at);
            // attempts, not rows (one attempt sends on every channel at once), to the addresses the contact has now: a corrected number starts afresh
            long failed = theirs.stream().filter(r -> !r.delivered() && stepOf(r, bill) == at && addresses.contains(r.address())).map(Reminder::sentAt)
                    .distinct().count();
            anyDue |= !delivered && failed < ATTEMPTS;
        }
        if (!anyDue) {
            return List.of();
        }
        BigDecimal amount = owed.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<String> periods = new ArrayList<>();
        LocalDate due = null;
        for (Long bill : owed.keySet()) {
            OpenItem i = first.get(bill);
            String p = i.periodFrom() + "–" + i.periodTo().minusDays(1);
            if (!periods.contains(p)) {
                periods.add(p);
            }
            due = due == null || (i.dueOn() != null && i.dueOn().isBefore(due)) ? i.dueOn() : due;
        }
        String room = s.room().apply(k.unit());
        String how = s.howToPay().apply(k.language()) + ("en".equals(k.language()) ? " Transfer remark: B" : "转账备注：B") + owed.keySet().iterator().next()
                + ("en".equals(k.language()) ? "." : "。");
        Map<String, String> fields = ReminderText.fields(k.language(), s.name(), k.payer(), room, amount, periods, due == null ? today : due, today, how);
        String text = ReminderText.fill(policy.templates().getOrDefault(k.language(), ReminderText.BUILT_IN.get(k.language())), fields);
        String subject = "en".equals(k.language()) ? "Payment reminder: " + room : "缴费提醒：" + room;
        List<Reminder> out = new ArrayList<>();
        Set<String> tried = new HashSet<>();
        for (Outbound o : outbound) {
            String address = address(o, k);
            if (address == null || !tried.add(o.kind())) {
                continue;
            }
            Outbound.Delivery d = o.send(new Outbound.Message(address, subject, text, fields));
            Reminder r = new Reminder(0, site, k.unit(), k.payer(), o.kind(), address, bills, steps, amount, text, now, d.delivered(), d.detail());
            long id = store.log(r);
            out.add(new Reminder(id, site, k.unit(), k.payer(), o.kind(), address, bills, steps, amount, text, now, d.delivered(), d.detail()));
            if (d.delivered()) {
                LOG.info("event=reminder-sent site={} unit={} channel={} amount={} bills={}", site, k.unit(), o.kind(), amount.toPlainString(), bills);
            } else {
                LOG.warn("event=reminder-failed site={} unit={} channel={} reason=\"{}\"", site, k.unit(), o.kind(), d.detail().replace('"', '\''));
            }
        }
        return out;
    }

    private static String address(Outbound o, PayerContact k) {
        return switch (o.kind()) {
            case "sms" -> k.phone();
            case "email" -> k.email();
            default -> k.appUser();
        };
    }

    private static int stepOf(Reminder r, long bill) {
        int i = r.bills().indexOf(bill);
        return i < 0 ? Integer.MIN_VALUE + 1 : r.steps().get(i);
    }

    /** Passes over every site: what the hub's scheduler runs; one site's failure is logged and the others still go. */
    public int sendDue(java.util.Collection<String> sites) {
        int n = 0;
        for (String site : sites) {
            try {
                n += sendDue(site).size();
            } catch (RuntimeException e) {
                LOG.warn("event=reminders-failed site={} reason=\"{}\"", site, String.valueOf(e.getMessage()).replace('"', '\''));
            }
        }
        return n;
    }
}
