package org.lintel.hub.energy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.lintel.hub.usage.Consumption;
import org.lintel.hub.usage.MeterUsage;
import org.lintel.hub.usage.NoReadingsException;

/**
 * 线损 / 漏损: for every meter with sub-meters, what it measured minus what its sub-meters measured over a period,
 * which is common use not metered below plus the losses of the wiring or pipes. Worked from the same counter readings
 * billing uses ({@link MeterUsage}: rollovers and replaced meters included), in exact decimals.
 */
public final class Losses {

    /**
     * The loss below one upstream meter.
     *
     * @param upstream  what the upstream meter measured, or null if it has no readings for the period
     * @param subMeters Σ of what its sub-meters measured (those with readings)
     * @param loss      upstream − Σ sub-meters, or null when any of them has no readings (a loss without them is wrong)
     * @param percent   loss ÷ upstream × 100, one decimal (half up), or null
     * @param estimated any of the figures rests on an estimated boundary reading
     * @param unread    meters (upstream or sub-meters) with no readings near a boundary, each with why
     */
    public record Loss(String meter, String unit, BigDecimal upstream, BigDecimal subMeters, BigDecimal loss, BigDecimal percent,
                       boolean estimated, List<String> subMeterIds, List<Unread> unread) {
    }

    /** A meter whose usage could not be worked out, and why. */
    public record Unread(String meter, String reason) {
    }

    private final Function<String, Optional<MeterTree>> trees;
    private final MeterUsage usage;

    public Losses(Function<String, Optional<MeterTree>> trees, MeterUsage usage) {
        this.trees = trees;
        this.usage = usage;
    }

    /** Every upstream meter's loss over [from, to); empty for a site without a meter tree. */
    public List<Loss> between(String site, Instant from, Instant to) {
        MeterTree tree = trees.apply(site).orElse(null);
        if (tree == null) {
            return List.of();
        }
        MeterUsage batch = usage.batched();
        List<Loss> out = new ArrayList<>();
        for (MeterTree.Meter up : tree.upstreamMeters()) {
            List<Unread> unread = new ArrayList<>();
            Optional<Consumption> top = read(batch, site, up, from, to, unread);
            BigDecimal sum = BigDecimal.ZERO;
            boolean estimated = top.map(Consumption::estimated).orElse(false);
            List<String> ids = new ArrayList<>();
            for (MeterTree.Meter sub : tree.subMetersOf(up.device())) {
                ids.add(sub.device());
                Optional<Consumption> c = read(batch, site, sub, from, to, unread);
                if (c.isPresent()) {
                    sum = sum.add(c.get().usage());
                    estimated |= c.get().estimated();
                }
            }
            BigDecimal loss = top.isPresent() && unread.isEmpty() ? top.get().usage().subtract(sum) : null;
            BigDecimal percent = loss == null || top.get().usage().signum() == 0 ? null
                    : loss.multiply(BigDecimal.valueOf(100)).divide(top.get().usage(), 1, RoundingMode.HALF_UP);
            // the unit as people read it (m³, kWh), as the use API gives it; billing's calculator keeps the unit's id (m3)
            out.add(new Loss(up.device(), up.unit() != null ? up.unit() : top.map(Consumption::unit).orElse(null), top.map(Consumption::usage).orElse(null), sum, loss,
                    percent, estimated, List.copyOf(ids), List.copyOf(unread)));
        }
        return out;
    }

    private static Optional<Consumption> read(MeterUsage batch, String site, MeterTree.Meter m, Instant from, Instant to, List<Unread> unread) {
        try {
            return Optional.of(batch.consumption(site, m.device(), m.counter(), from, to));
        } catch (NoReadingsException e) {
            unread.add(new Unread(m.device(), e.getMessage()));
            return Optional.empty();
        }
    }
}
