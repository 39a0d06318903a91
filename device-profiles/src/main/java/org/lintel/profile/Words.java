package org.lintel.profile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Builds the word → constant tables used to read enumerations from files ({@code readwrite}, {@code life-safety}). */
public final class Words {

    private Words() {
    }

    /** Lower-case constant names with '_' written as '-' (LIFE_SAFETY → life-safety). */
    public static <E extends Enum<E>> Map<String, E> of(Class<E> type) {
        return of(type, e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    public static <E extends Enum<E>> Map<String, E> of(Class<E> type, Function<E, String> word) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            m.put(word.apply(e), e);
        }
        return m;
    }

    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
