package org.lintel.site;

import java.util.Arrays;
import java.util.Optional;
import org.lintel.i18n.Label;

/**
 * The power grid a community draws from, for its electricity's CO₂: 生态环境部 and 国家统计局 publish a grid emission
 * factor for the whole country and for each regional grid, a year or two after the year they describe.
 */
public enum GridRegion {
    NATIONAL("national", new Label("National average", "全国平均")),
    NORTH("north", new Label("North China grid", "华北电网")),
    NORTH_EAST("north-east", new Label("North-east China grid", "东北电网")),
    EAST("east", new Label("East China grid", "华东电网")),
    CENTRAL("central", new Label("Central China grid", "华中电网")),
    NORTH_WEST("north-west", new Label("North-west China grid", "西北电网")),
    SOUTH("south", new Label("China Southern grid", "南方电网")),
    SOUTH_WEST("south-west", new Label("South-west China grid", "西南电网"));

    private final String word;
    private final Label label;

    GridRegion(String word, Label label) {
        this.word = word;
        this.label = label;
    }

    /** How the site file writes it. */
    public String word() {
        return word;
    }

    public Label label() {
        return label;
    }

    public static Optional<GridRegion> of(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }

    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(GridRegion::word).toList());
    }
}
