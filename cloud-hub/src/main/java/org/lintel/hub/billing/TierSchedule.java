package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Graduated tiers (阶梯) over an accumulation period that may be longer than a bill: Beijing counts a year while bills
 * are monthly, so a December bill starts where November's running total left off. Every unit of usage is priced in the
 * tier the running total is in when it is used (graduated, not volume: the whole usage is never priced at the highest
 * tier reached).
 */
public record TierSchedule(List<Tier> tiers) {

    public TierSchedule {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a tier schedule has at least one tier");
        }
        BigDecimal last = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            boolean isLast = i == tiers.size() - 1;
            if (t.unlimited() != isLast) {
                throw new IllegalArgumentException("only the last tier is without an upper bound (tier " + (i + 1) + ")");
            }
            if (!isLast && t.upTo().compareTo(last) <= 0) {
                throw new IllegalArgumentException("tier bounds rise: tier " + (i + 1) + " ends at " + t.upTo() + ", not above " + last);
            }
            if (!isLast) {
                last = t.upTo();
            }
        }
    }

    /**
     * The tier parts of {@code usage} used after {@code alreadyUsed} in the same accumulation period: each part's
     * amount rounded once, their sum being the line's amount. A tier the usage does not reach is left out.
     */
    public List<TierPart> charge(BigDecimal alreadyUsed, BigDecimal usage) {
        if (alreadyUsed.signum() < 0 || usage.signum() < 0) {
            throw new IllegalArgumentException("usage and the running total are not negative: " + alreadyUsed + ", " + usage);
        }
        List<TierPart> parts = new ArrayList<>();
        BigDecimal position = alreadyUsed;
        BigDecimal left = usage;
        BigDecimal lower = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size() && left.signum() > 0; i++) {
            Tier t = tiers.get(i);
            BigDecimal room = t.unlimited() ? left : t.upTo().subtract(position.max(lower)).max(BigDecimal.ZERO);
            BigDecimal here = left.min(room);
            if (here.signum() > 0) {
                parts.add(new TierPart(i + 1, here, t.unitPrice(), Money.amount(here, t.unitPrice())));
                position = position.add(here);
                left = left.subtract(here);
            }
            if (!t.unlimited()) {
                lower = t.upTo();
            }
        }
        return parts;
    }

    /** The tier the next unit after {@code alreadyUsed} falls in, as a part of zero usage (a line that says nothing was used). */
    public TierPart nothingUsed(BigDecimal alreadyUsed) {
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            if (t.unlimited() || alreadyUsed.compareTo(t.upTo()) < 0) {
                return new TierPart(i + 1, BigDecimal.ZERO, t.unitPrice(), Money.zero());
            }
        }
        throw new IllegalStateException("the last tier is unlimited");
    }

    /**
     * The schedule of a larger household: every bound raised by {@code perPerson} for each person above
     * {@code basePersons} (some cities' water tiers).
     */
    public TierSchedule forHousehold(int persons, int basePersons, BigDecimal perPerson) {
        if (persons <= basePersons) {
            return this;
        }
        BigDecimal raise = perPerson.multiply(BigDecimal.valueOf(persons - basePersons));
        return new TierSchedule(tiers.stream().map(t -> t.unlimited() ? t : new Tier(t.upTo().add(raise), t.unitPrice())).toList());
    }

    /** The sum of the parts: the metered line's amount. */
    public static BigDecimal total(List<TierPart> parts) {
        return parts.stream().map(TierPart::amount).reduce(Money.zero(), BigDecimal::add);
    }
}
