package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lintel.hub.energy.EmissionFactors;
import org.lintel.i18n.Label;
import org.lintel.site.GridProvince;
import org.lintel.site.GridRegion;
import org.lintel.site.Site;

/**
 * CO₂ of a site's (or a building's) electricity over a period: what its top meters measured in each calendar year of
 * the period, times the grid emission factor for that year and the site's power grid, with the factor, its year and its
 * source given alongside every figure. kgCO₂ to three decimals, half up, per year and in all.
 */
public final class Carbon {

    /** One calendar year's part of the period. */
    /** {@code scope}: the grid or province whose factor it was ({@code scopeName} as people read it). */
    public record Part(int year, BigDecimal kwh, int factorYear, String scope, Label scopeName, BigDecimal kgPerKwh, String source, BigDecimal kgCo2,
                       boolean estimated) {
    }

    public record Emission(String site, String building, String region, Label regionName, String province, Label provinceName, String from, String to, BigDecimal kwh, BigDecimal kgCo2,
                           BigDecimal tCo2, boolean estimated, List<Part> parts) {
    }

    private final EnergyUse use;
    private final Function<String, Optional<Site>> sites;
    private final EmissionFactors factors;

    public Carbon(EnergyUse use, Function<String, Optional<Site>> sites, EmissionFactors factors) {
        this.use = use;
        this.sites = sites;
        this.factors = factors;
    }

    /** Over [from, to), both local midnights. */
    public Emission of(String site, ZoneId zone, Instant from, Instant to, String building) {
        Optional<Site> file = sites.apply(site);
        GridRegion region = file.map(Site::gridRegion).orElse(GridRegion.NATIONAL);
        GridProvince province = file.map(Site::gridProvince).orElse(null);
        EnergyUse.Answer a = use.use(site, zone, EnergyUse.Medium.ELECTRICITY, EnergyUse.By.SITE, EnergyUse.Interval.MONTH, from, to, building);
        Map<Integer, BigDecimal> kwh = new LinkedHashMap<>();
        Map<Integer, Boolean> estimated = new LinkedHashMap<>();
        for (EnergyUse.Series s : a.series()) {
            for (EnergyUse.Bucket b : s.buckets()) {
                int year = Integer.parseInt(b.start().substring(0, 4));
                kwh.merge(year, b.usage(), BigDecimal::add);
                estimated.merge(year, b.estimated(), Boolean::logicalOr);
            }
        }
        List<Part> parts = new ArrayList<>();
        BigDecimal totalKwh = BigDecimal.ZERO.setScale(3);
        BigDecimal totalKg = BigDecimal.ZERO.setScale(3);
        for (Map.Entry<Integer, BigDecimal> e : kwh.entrySet()) {
            EmissionFactors.Factor f = factors.forYear(province, region, e.getKey())
                    .orElseThrow(() -> new IllegalStateException("the emission factor table " + factors.name() + " has no national factor"));
            BigDecimal kg = e.getValue().multiply(f.kgPerKwh()).setScale(3, RoundingMode.HALF_UP);
            parts.add(new Part(e.getKey(), e.getValue(), f.year(), f.scope(), f.scopeName(), f.kgPerKwh(), f.source(), kg, estimated.get(e.getKey())));
            totalKwh = totalKwh.add(e.getValue());
            totalKg = totalKg.add(kg);
        }
        return new Emission(site, building, region.word(), region.label(), province == null ? null : province.word(),
                province == null ? null : province.label(), from.toString(), to.toString(), totalKwh, totalKg,
                totalKg.divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP), estimated.containsValue(true), List.copyOf(parts));
    }
}
