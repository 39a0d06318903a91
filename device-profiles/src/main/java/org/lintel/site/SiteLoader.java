package org.lintel.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lintel.check.InvalidConfigurationException;
import org.lintel.check.Problems;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.yaml.YamlFile;

/**
 * Loads a site file together with the profiles it needs (the built-in library plus the folders the site names),
 * and runs every check. The one entry point the simulators, gateways and hub use.
 */
public final class SiteLoader {

    /** A site with its profiles and every problem found (possibly only warnings). */
    public record Loaded(Optional<Site> site, ProfileLibrary profiles, Problems problems) {

        /** The site, or an exception listing every error. */
        public Site orThrow() {
            if (problems.hasErrors() || site.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
            return site.get();
        }
    }

    private SiteLoader() {
    }

    public static Loaded load(Path siteFile) {
        return load(siteFile, siteFile.toString());
    }

    public static Loaded load(Path siteFile, String displayName) {
        Problems problems = new Problems();
        return load(siteFile, displayName, ProfileLibrary.builtIn(problems), problems);
    }

    /**
     * Reads a site sent as text (YAML, or JSON, which YAML reads too), e.g. uploaded to the hub. Only the library's
     * profiles are available: a {@code profiles} folder in uploaded text cannot be reached and is reported as an error.
     */
    public static Loaded loadText(String displayName, String text, ProfileLibrary base, Problems problems) {
        Optional<SiteReader.Result> read = YamlFile.parse(displayName, new java.io.StringReader(text), problems)
                .map(root -> SiteReader.read(root, problems));
        if (read.isEmpty()) {
            return new Loaded(Optional.empty(), base, problems);
        }
        if (!read.get().profileFolders().isEmpty()) {
            problems.error(org.lintel.check.Where.wholeFile(displayName), "site",
                    "field 'profiles': folders " + read.get().profileFolders() + " cannot be read from an uploaded site;"
                            + " upload each profile to the hub first (PUT /api/v1/profiles/{id} with the profile file as the body,"
                            + " engineer role), then upload the site without 'profiles'");
        }
        read.get().site().ifPresent(s -> SiteChecks.check(s, base, problems));
        return new Loaded(read.get().site(), base, problems);
    }

    /**
     * Loads a site against a given base library (e.g. the built-in library plus profiles named on a command line).
     * Problems go to {@code problems}, which the result also carries.
     */
    public static Loaded load(Path siteFile, String displayName, ProfileLibrary base, Problems problems) {
        Optional<SiteReader.Result> read = YamlFile.read(siteFile, displayName, problems).map(root -> SiteReader.read(root, problems));
        ProfileLibrary library = base;
        if (read.isEmpty()) {
            return new Loaded(Optional.empty(), library, problems);
        }
        List<Path> folders = new ArrayList<>();
        Path folder = siteFile.toAbsolutePath().getParent();
        for (String f : read.get().profileFolders()) {
            folders.add(folder.resolve(f).normalize());
        }
        if (!folders.isEmpty()) {
            library = library.overlay(ProfileLibrary.load(folders, problems), problems, true);
        }
        ProfileLibrary lib = library;
        read.get().site().ifPresent(s -> SiteChecks.check(s, lib, problems));
        return new Loaded(read.get().site(), library, problems);
    }
}
