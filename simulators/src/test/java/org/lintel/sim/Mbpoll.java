package org.lintel.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the register words mbpoll prints ({@code [73]: 0x45A9}) in reference order. */
final class Mbpoll {

    private static final Pattern HEX = Pattern.compile("\\[(\\d+)\\]:\\s+0x([0-9A-Fa-f]{4})");

    private Mbpoll() {
    }

    static int[] words(SimHarness.Run run) {
        List<Integer> out = new ArrayList<>();
        Matcher m = HEX.matcher(run.output());
        while (m.find()) {
            out.add(Integer.parseInt(m.group(2), 16));
        }
        if (out.isEmpty()) {
            throw new AssertionError("mbpoll printed no registers (exit " + run.exit() + "):\n" + run.output());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
