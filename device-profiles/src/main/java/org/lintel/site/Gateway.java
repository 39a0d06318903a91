package org.lintel.site;

import java.util.List;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/** A building gateway: the edge computer that polls its buses and devices and forwards readings to the hub. */
public record Gateway(String id, Label name, String building, List<Bus> buses, Where where) {

    public Gateway {
        buses = List.copyOf(buses);
    }
}
