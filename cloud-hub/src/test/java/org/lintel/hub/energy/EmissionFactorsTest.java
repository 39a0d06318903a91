package org.lintel.hub.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lintel.hub.core.RefusedFile;
import org.lintel.site.GridProvince;
import org.lintel.site.GridRegion;

class EmissionFactorsTest {

    static EmissionFactors shipped() throws Exception {
        return EmissionFactors.read("shipped", Files.readString(Path.of("src/main/resources/org/lintel/hub/energy/grid-emission-factors.csv")));
    }

    @Test
    void aYearsOwnFactorIsUsedForItsElectricity() throws Exception {
        EmissionFactors.Factor f = shipped().forYear(GridRegion.EAST, 2023).orElseThrow();
        assertEquals(2023, f.year());
        assertEquals(new BigDecimal("0.5500"), f.kgPerKwh());
        assertEquals(new BigDecimal("0.5366"), shipped().forYear(GridRegion.NATIONAL, 2022).orElseThrow().kgPerKwh());
    }

    @Test
    void aYearNotPublishedYetIsCountedWithTheLatestEarlierFactor() throws Exception {
        EmissionFactors.Factor f = shipped().forYear(GridRegion.SOUTH_WEST, 2026).orElseThrow();
        assertEquals(2023, f.year());
        assertEquals(new BigDecimal("0.2472"), f.kgPerKwh());
    }

    @Test
    void aYearBeforeTheTableIsCountedWithItsEarliestFactorAndARegionWithoutOneWithTheNationalFactor() throws Exception {
        assertEquals(2022, shipped().forYear(GridRegion.EAST, 2019).orElseThrow().year());
        EmissionFactors onlyNational = EmissionFactors.read("mine.csv", "year,region,kgCO2PerKWh,source\n2024,national,0.5100,our own figure\n");
        EmissionFactors.Factor f = onlyNational.forYear(GridRegion.EAST, 2026).orElseThrow();
        assertEquals("national", f.scope());
        assertEquals(new BigDecimal("0.5100"), f.kgPerKwh());
    }

    @Test
    void aProvincesOwnFactorCountsBeforeItsGridsEvenWhenTheGridsIsNewer() throws Exception {
        // Yunnan's hydropower: 0.1073 for 2022, against the Southern grid's 0.4042 for 2023
        EmissionFactors.Factor f = shipped().forYear(GridProvince.YUNNAN, GridRegion.SOUTH, 2024).orElseThrow();
        assertEquals("yunnan", f.scope());
        assertEquals(2022, f.year());
        assertEquals(new BigDecimal("0.1073"), f.kgPerKwh());
        assertEquals("云南", f.scopeName().zh());
        // a province the table has no factor for is counted with its grid's
        EmissionFactors.Factor grid = shipped().forYear(GridProvince.ZHEJIANG, GridRegion.EAST, 2024).orElseThrow();
        assertEquals("east", grid.scope());
        assertEquals(new BigDecimal("0.5500"), grid.kgPerKwh());
        assertEquals("华东电网", grid.scopeName().zh());
    }

    @Test
    void aTableWithMistakesIsRefusedWholeNamingEachLine() {
        RefusedFile e = assertThrows(RefusedFile.class, () -> EmissionFactors.read("mine.csv", "year,region,kgCO2PerKWh,source\n"
                + "2024,eastern,0.55,x\n2024,east,5.5,x\n2024,east,0.55,\ntwenty,east,0.55,x\n2024,east,0.5500,ok\n"));
        assertEquals(List.of("mine.csv:2: region 'eastern' is neither a power grid nor a province; use one of national, north, north-east, east, central, north-west,"
                        + " south, south-west, or a province: " + GridProvince.words(),
                "mine.csv:3: kgCO2PerKWh 5.5 is not a grid factor (between 0 and 2 kgCO₂/kWh)",
                "mine.csv:4: source is empty; say where the factor was published",
                "mine.csv:5: year and kgCO2PerKWh must be numbers, e.g. 2023,east,0.5500,<source>"), e.problems());
        RefusedFile header = assertThrows(RefusedFile.class, () -> EmissionFactors.read("mine.csv", "year,grid,factor\n2024,east,0.55\n"));
        assertEquals("mine.csv:1: the header has no column 'region'; write year,region,kgCO2PerKWh,source", header.getMessage());
    }
}
