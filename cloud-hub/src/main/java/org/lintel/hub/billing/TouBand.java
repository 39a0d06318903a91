package org.lintel.hub.billing;

import java.time.LocalTime;

/**
 * A band's window in local time, {@code from} inclusive to {@code to} exclusive; a window that ends at or before it
 * starts runs over midnight (谷 23:00–07:00).
 */
public record TouBand(String band, LocalTime from, LocalTime to) {

    public boolean covers(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }
}
