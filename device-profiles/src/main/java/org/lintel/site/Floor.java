package org.lintel.site;

import java.util.List;

/** A floor of a building; {@code level} is the floor number as written on the lift panel (negative below ground). */
public record Floor(int level, List<PropertyUnit> units) {

    public Floor {
        units = List.copyOf(units);
    }
}
