package org.lintel.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lintel.check.Problem;
import org.lintel.check.Problems;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.profile.Words;
import org.lintel.site.SiteLoader;
import org.lintel.yaml.YamlFile;
import org.lintel.yaml.YamlMap;

/**
 * {@code java -jar lintel-profiles.jar validate <files or folders>}: checks device profiles and site files and prints
 * every problem as {@code file:line:column: subject: message}. Exit code 0 when there is no error, 1 when there is,
 * 2 when the command line itself is wrong.
 */
public final class ProfilesCommand {

    private final PrintStream out;
    private final PrintStream err;

    public ProfilesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ProfilesCommand(System.out, System.err).run(args));
    }

    public int run(String[] args) {
        if (args.length < 2 || !args[0].equals("validate")) {
            err.println("usage: java -jar lintel-profiles.jar validate <profile or site files, or folders> ...");
            err.println("       checks device profiles (YAML), site files (YAML with a top-level 'site:') and tariff files");
            err.println("       (a top-level 'feeItems:'), and");
            err.println("       prints every problem as file:line:column: subject: message; exit 0 = valid, 1 = problems.");
            return 2;
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            paths.add(Path.of(args[i]));
        }
        Problems problems = new Problems();
        List<Path> files = ProfileLibrary.profileFiles(paths, problems);
        List<Path> profileFiles = new ArrayList<>();
        List<Path> siteFiles = new ArrayList<>();
        List<Path> tariffFiles = new ArrayList<>();
        for (Path f : files) {
            (isTariff(f) ? tariffFiles : isSite(f) ? siteFiles : profileFiles).add(f);
        }
        ProfileLibrary builtIn = ProfileLibrary.builtIn(problems);
        ProfileLibrary given = ProfileLibrary.load(profileFiles, problems);
        ProfileLibrary library = builtIn.overlay(given, problems, false);
        List<String> siteSummaries = new ArrayList<>();
        for (Path s : siteFiles) {
            SiteLoader.Loaded loaded = SiteLoader.load(s, s.toString(), library, problems);
            loaded.site().ifPresent(site -> siteSummaries.add(SiteSummary.of(site, loaded.profiles())));
        }
        for (Path t : tariffFiles) {
            org.lintel.tariff.TariffLoader.load(t, t.toString(), problems).ifPresent(f -> siteSummaries.add("tariff " + t + ": site " + f.site()
                    + ", " + f.items().size() + " fee items " + f.items().stream().map(i -> i.id() + " (" + Words.word(i.kind()) + ")").toList()));
        }
        for (Problem p : problems.sorted()) {
            (p.isError() ? err : out).println(p);
        }
        out.println();
        out.println("Profiles: " + given.all().size() + " checked" + (given.all().isEmpty() ? "" : " (" + String.join(", ", given.ids()) + ")")
                + "; built-in library: " + builtIn.all().size());
        for (DeviceProfile p : given.all()) {
            out.println("  " + ProfileSummary.of(p));
        }
        siteSummaries.forEach(out::println);
        out.println(problems.errorCount() + " error(s), " + problems.warningCount() + " warning(s) in " + files.size() + " file(s)");
        return problems.hasErrors() ? 1 : 0;
    }

    private static final java.util.regex.Pattern TARIFF_KEY = java.util.regex.Pattern.compile("(?m)^(feeItems|\"feeItems\")\\s*:");

    private static boolean isTariff(Path f) {
        try {
            return TARIFF_KEY.matcher(Files.readString(f)).find();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern SITE_KEY = java.util.regex.Pattern.compile("(?m)^(site|\"site\")\\s*:|^\\s*\\{\\s*\"site\"\\s*:");

    /**
     * A site file is a YAML mapping with a top-level {@code site:} key; anything else is read as a profile. Found by
     * the key at the start of a line (or a JSON object's first key), not by parsing: parsing a large site twice
     * doubled the time to validate it.
     */
    private static boolean isSite(Path f) {
        try {
            String text = Files.readString(f);
            return SITE_KEY.matcher(text).find();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
