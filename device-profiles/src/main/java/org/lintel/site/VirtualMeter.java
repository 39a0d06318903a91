package org.lintel.site;

import java.util.List;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * A meter worked out from others rather than read (Brick's {@code isVirtualMeter}): either what one upstream meter
 * measured less what its direct sub-meters measured ({@code of}: common use not metered below, plus losses), or a sum
 * and difference of named meters ({@code plus}, {@code minus}). Its use is the same sum of its members' rollups, so
 * it answers beside the meters in the hub's use by meter and its exports.
 *
 * @param of    the upstream meter whose sub-meters are subtracted, or null when {@code plus} is given
 * @param plus  meters added (empty with {@code of})
 * @param minus meters subtracted
 */
public record VirtualMeter(String id, Label name, String of, List<String> plus, List<String> minus, EnergyCategory category, Where where) {

    public VirtualMeter {
        plus = plus == null ? List.of() : List.copyOf(plus);
        minus = minus == null ? List.of() : List.copyOf(minus);
    }
}
