package org.lintel.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One log style in every module: logfmt, one line per event, opening with {@code event=}. Shared by their tests. */
public final class LogStyle {

    private static final Pattern PROSE = Pattern.compile("LOG\\.(trace|debug|info|warn|error)\\(\\s*(?!\"event=)");

    private LogStyle() {
    }

    /** Fails naming every source file under {@code sources} with a log call whose message is not logfmt. */
    public static void assertLogfmt(Path sources) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (PROSE.matcher(Files.readString(f)).find()) {
                    offenders.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "log lines are logfmt, one per event: LOG.info(\"event=what-happened key={} …\", …)");
    }
}
