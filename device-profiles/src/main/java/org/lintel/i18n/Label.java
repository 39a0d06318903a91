package org.lintel.i18n;

import java.util.Locale;

/**
 * A name shown to people, in English and Chinese (zh-CN). Either may be missing in a file; {@link #in(Locale)} falls
 * back to the other, then to the id it labels.
 */
public record Label(String en, String zh) {

    public static final Label NONE = new Label(null, null);

    public static Label of(String en, String zh) {
        return new Label(en, zh);
    }

    public String in(Locale locale, String fallback) {
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        String first = chinese ? zh : en;
        String second = chinese ? en : zh;
        return first != null ? first : second != null ? second : fallback;
    }

    public boolean isEmpty() {
        return en == null && zh == null;
    }
}
