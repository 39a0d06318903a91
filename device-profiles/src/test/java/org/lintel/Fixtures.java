package org.lintel;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.lintel.check.Problem;
import org.lintel.check.Problems;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.SiteLoader;

/** Loads the fixture files under src/test/resources and checks problem messages. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path path(String resource) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(resource).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + resource, e);
        }
    }

    /** Reads a profile fixture; messages name the file by its base name, as an engineer would see it. */
    public static Problems profileProblems(String resource) {
        Problems problems = new Problems();
        Path p = path(resource);
        ProfileLibrary.readFile(p, p.getFileName().toString(), problems);
        return problems;
    }

    public static DeviceProfile profile(String resource) {
        Problems problems = new Problems();
        Path p = path(resource);
        return ProfileLibrary.readFile(p, p.getFileName().toString(), problems)
                .orElseThrow(() -> new AssertionError("fixture " + resource + " has problems:\n" + problems));
    }

    public static Problems siteProblems(String resource) {
        Path p = path(resource);
        return SiteLoader.load(p, p.getFileName().toString()).problems();
    }

    public static List<String> lines(Problems problems) {
        return problems.sorted().stream().map(Problem::toString).toList();
    }

    /** Fails, listing every problem found, unless one problem reads exactly {@code expected}. */
    public static void assertReports(Problems problems, String expected) {
        List<String> all = lines(problems);
        if (!all.contains(expected)) {
            fail("expected the problem\n  " + expected + "\nbut found:\n  " + String.join("\n  ", all));
        }
    }
}
