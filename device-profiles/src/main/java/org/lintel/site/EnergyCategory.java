package org.lintel.site;

import java.util.Arrays;
import java.util.Optional;
import org.lintel.i18n.Label;

/**
 * The 分项 an electricity meter's use belongs to, as China's metering-by-category guideline (建科[2008]114号) splits
 * a building's electricity: lighting and sockets, air conditioning, power (lifts, pumps, fans) and special loads.
 */
public enum EnergyCategory {
    LIGHTING_SOCKETS("lighting-sockets", new Label("Lighting and sockets", "照明插座用电")),
    HVAC("hvac", new Label("Air conditioning", "空调用电")),
    POWER("power", new Label("Power (lifts, pumps, fans)", "动力用电")),
    SPECIAL("special", new Label("Special loads", "特殊用电"));

    private final String word;
    private final Label label;

    EnergyCategory(String word, Label label) {
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

    public static Optional<EnergyCategory> of(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }

    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(EnergyCategory::word).toList());
    }
}
