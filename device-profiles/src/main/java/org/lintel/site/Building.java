package org.lintel.site;

import java.util.List;
import org.lintel.i18n.Label;

/** A building (楼栋) of the community with its floors and common areas (lobby, lift machine room, corridor lighting). */
public record Building(String id, Label name, List<Floor> floors, List<CommonArea> commonAreas) {

    public Building {
        floors = List.copyOf(floors);
        commonAreas = List.copyOf(commonAreas);
    }
}
