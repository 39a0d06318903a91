package org.lintel.i18n;

import org.lintel.yaml.YamlMap;
import org.lintel.yaml.YamlValue;

/** Reads a label written either as plain text (English) or as {@code {en: …, zh: …}}. */
public final class LabelReader {

    private LabelReader() {
    }

    public static Label read(YamlMap parent, String key) {
        return parent.value(key).map(LabelReader::read).orElse(Label.NONE);
    }

    private static Label read(YamlValue v) {
        if (v.isScalar()) {
            return v.asText().map(t -> new Label(t, null)).orElse(Label.NONE);
        }
        return v.asMap().map(m -> {
            String en = m.text("en").orElse(null);
            String zh = m.text("zh").orElse(null);
            m.rejectUnknownKeys();
            return new Label(en, zh);
        }).orElse(Label.NONE);
    }
}
