package org.lintel.hub.energy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lintel.hub.core.RefusedFile;
import org.lintel.i18n.Label;
import org.lintel.site.GridProvince;
import org.lintel.site.GridRegion;

/**
 * Grid CO₂ emission factors (kgCO₂/kWh) by year and power grid or province, each with its source: the table shipped with the hub
 * (grid-emission-factors.csv, from the announcements of 生态环境部 and 国家统计局), or one an operator keeps in the data
 * folder when newer factors come out. A year without its own factor is counted with the latest earlier one, and says so.
 * The most specific scope with any factor wins: the site's province, else its grid, else the national average.
 */
public final class EmissionFactors {

    /** One published factor; {@code scope} is a power grid's word or a province's ({@link GridRegion}, {@link GridProvince}). */
    public record Factor(int year, String scope, BigDecimal kgPerKwh, String source) {

        /** What the factor is for, as people read it (华东电网, 云南). */
        public Label scopeName() {
            return GridProvince.of(scope).map(GridProvince::label).or(() -> GridRegion.of(scope).map(GridRegion::label))
                    .orElse(new Label(scope, scope));
        }
    }

    private final List<Factor> factors;
    private final String name;

    private EmissionFactors(String name, List<Factor> factors) {
        this.name = name;
        this.factors = List.copyOf(factors);
    }

    /** Reads a table (year,region,kgCO2PerKWh,source); refuses it whole, naming each bad line, if any line is wrong. */
    public static EmissionFactors read(String name, String csv) {
        List<Factor> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get())) {
            for (String need : List.of("year", "region", "kgCO2PerKWh", "source")) {
                if (!p.getHeaderNames().contains(need)) {
                    throw new RefusedFile(name + ":1: the header has no column '" + need + "'; write year,region,kgCO2PerKWh,source",
                            List.of(name + ":1: expected the columns year,region,kgCO2PerKWh,source; found " + p.getHeaderNames()));
                }
            }
            for (CSVRecord r : p) {
                String at = name + ":" + (r.getRecordNumber() + 1) + ": ";
                try {
                    int year = Integer.parseInt(r.get("year"));
                    String scope = r.get("region");
                    boolean known = GridRegion.of(scope).isPresent() || GridProvince.of(scope).isPresent();
                    BigDecimal factor = new BigDecimal(r.get("kgCO2PerKWh"));
                    if (!known) {
                        problems.add(at + "region '" + scope + "' is neither a power grid nor a province; use one of " + GridRegion.words()
                                + ", or a province: " + GridProvince.words());
                    } else if (factor.signum() <= 0 || factor.compareTo(BigDecimal.valueOf(2)) > 0) {
                        problems.add(at + "kgCO2PerKWh " + factor.toPlainString() + " is not a grid factor (between 0 and 2 kgCO₂/kWh)");
                    } else if (r.get("source").isBlank()) {
                        problems.add(at + "source is empty; say where the factor was published");
                    } else {
                        out.add(new Factor(year, scope, factor, r.get("source")));
                    }
                } catch (NumberFormatException e) {
                    problems.add(at + "year and kgCO2PerKWh must be numbers, e.g. 2023,east,0.5500,<source>");
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new RefusedFile(name + ": not a CSV table: " + e.getMessage(), List.of(name + ": " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new RefusedFile(problems.size() + " problem(s) in " + name, problems);
        }
        return new EmissionFactors(name, out);
    }

    /** Where the table came from (a file name). */
    public String name() {
        return name;
    }

    /**
     * The factor for electricity drawn in {@code year} from {@code region}: that year's, else the latest earlier one,
     * else (a year before the table) the earliest; the national factor when the region has none.
     */
    public Optional<Factor> forYear(GridRegion region, int year) {
        return forYear(null, region, year);
    }

    /** As {@link #forYear(GridRegion, int)}, the province's own factors first when it is given and the table has any. */
    public Optional<Factor> forYear(GridProvince province, GridRegion region, int year) {
        Optional<Factor> own = province == null ? Optional.empty() : pick(province.word(), year);
        return own.or(() -> pick(region.word(), year)).or(() -> pick(GridRegion.NATIONAL.word(), year));
    }

    private Optional<Factor> pick(String scope, int year) {
        List<Factor> of = factors.stream().filter(f -> f.scope().equals(scope)).sorted(Comparator.comparingInt(Factor::year)).toList();
        return of.stream().filter(f -> f.year() <= year).reduce((a, b) -> b).or(() -> of.stream().findFirst());
    }
}
