package org.lintel.profile.library;

import org.lintel.profile.DeviceProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lintel.check.Problems;
import org.lintel.check.Where;
import org.lintel.yaml.YamlFile;

/**
 * A set of device profiles by id: the built-in library that ships inside this jar, plus folders an engineer adds.
 * A profile in an added folder replaces a built-in one of the same id (with a warning), so a site can carry a
 * corrected copy without waiting for a release.
 */
public final class ProfileLibrary {

    /** Classpath folder of the built-in profiles and the index that lists them (jars cannot be listed portably). */
    public static final String BUILT_IN = "lintel/profiles/";

    private final Map<String, DeviceProfile> byId;

    private ProfileLibrary(Map<String, DeviceProfile> byId) {
        this.byId = Collections.unmodifiableMap(new TreeMap<>(byId));
    }

    public static ProfileLibrary empty() {
        return new ProfileLibrary(Map.of());
    }

    /** This library and {@code more}; where both have a profile id, this library's profile is kept (it takes precedence). */
    public ProfileLibrary with(ProfileLibrary more) {
        Map<String, DeviceProfile> all = new TreeMap<>(more.byId);
        all.putAll(byId);
        return new ProfileLibrary(all);
    }

    public Optional<DeviceProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public Collection<DeviceProfile> all() {
        return byId.values();
    }

    /** This library with {@code profile} added, replacing one of the same id. */
    public ProfileLibrary with(DeviceProfile profile) {
        Map<String, DeviceProfile> all = new TreeMap<>(byId);
        all.put(profile.id(), profile);
        return new ProfileLibrary(all);
    }

    /**
     * Reads a profile sent as text (YAML, or JSON), e.g. uploaded to the hub; problems name {@code displayName}, line and
     * column. The profile is returned only when it has no errors.
     */
    public static Optional<DeviceProfile> readText(String displayName, String text, Problems problems) {
        Problems own = new Problems();
        Optional<DeviceProfile> p = YamlFile.parse(displayName, new java.io.StringReader(text), own).flatMap(root -> ProfileReader.read(root, own));
        problems.addAll(own);
        return own.hasErrors() ? Optional.empty() : p;
    }

    /** Reads one profile file; problems go to {@code problems}, the profile is returned only when it has no errors. */
    public static Optional<DeviceProfile> readFile(Path file, String displayName, Problems problems) {
        Problems own = new Problems();
        Optional<DeviceProfile> p = YamlFile.read(file, displayName, own).flatMap(root -> ProfileReader.read(root, own));
        problems.addAll(own);
        p.ifPresent(profile -> checkFileName(profile, file, displayName, problems));
        return own.hasErrors() ? Optional.empty() : p;
    }

    private static void checkFileName(DeviceProfile profile, Path file, String displayName, Problems problems) {
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!base.equals(profile.id())) {
            problems.warning(Where.wholeFile(displayName), null, "the profile id is '" + profile.id()
                    + "' but the file is named " + file.getFileName() + "; name it " + profile.id() + ".yaml so it can be found");
        }
    }

    /** The built-in library shipped in the jar. Problems in it are bugs of Lintel and are reported like any other. */
    public static ProfileLibrary builtIn(Problems problems) {
        Map<String, DeviceProfile> found = new TreeMap<>();
        ClassLoader cl = ProfileLibrary.class.getClassLoader();
        for (String name : builtInFileNames(cl)) {
            try (InputStream in = cl.getResourceAsStream(BUILT_IN + name)) {
                if (in == null) {
                    problems.error(Where.wholeFile(BUILT_IN + name), null, "listed in index.txt but missing from the jar");
                    continue;
                }
                Problems own = new Problems();
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
                YamlFile.parse("built-in:" + name, r, own).flatMap(root -> ProfileReader.read(root, own))
                        .filter(p -> !own.hasErrors()).ifPresent(p -> found.put(p.id(), p));
                problems.addAll(own);
            } catch (IOException e) {
                problems.error(Where.wholeFile(BUILT_IN + name), null, "cannot read: " + e.getMessage());
            }
        }
        return new ProfileLibrary(found);
    }

    /** The file names listed in the built-in index. */
    public static List<String> builtInFileNames(ClassLoader cl) {
        List<String> names = new ArrayList<>();
        try (InputStream in = cl.getResourceAsStream(BUILT_IN + "index.txt")) {
            if (in == null) {
                return names;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    names.add(t);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in profile index", e);
        }
        return names;
    }

    /**
     * Loads profiles from files and folders (every {@code *.yaml} / {@code *.yml} below a folder). Two files with the
     * same id are an error naming both.
     */
    public static ProfileLibrary load(List<Path> paths, Problems problems) {
        Map<String, DeviceProfile> found = new TreeMap<>();
        for (Path file : profileFiles(paths, problems)) {
            readFile(file, file.toString(), problems).ifPresent(p -> {
                DeviceProfile first = found.putIfAbsent(p.id(), p);
                if (first != null) {
                    problems.error(Where.wholeFile(file.toString()), null, "profile id '" + p.id()
                            + "' is also used by " + first.file() + "; every profile needs its own id");
                }
            });
        }
        return new ProfileLibrary(found);
    }

    /** The YAML files named or found below the given paths, in a stable order. */
    public static List<Path> profileFiles(List<Path> paths, Problems problems) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(files::add);
                } catch (IOException e) {
                    problems.error(Where.wholeFile(p.toString()), null, "cannot list the folder: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                problems.error(Where.wholeFile(p.toString()), null, "no such file or folder");
            }
        }
        return files;
    }

    /** This library with {@code local}'s profiles added; a local profile replaces a built-in one of the same id. */
    public ProfileLibrary overlay(ProfileLibrary local, Problems problems, boolean warnOnReplace) {
        Map<String, DeviceProfile> merged = new TreeMap<>(byId);
        for (DeviceProfile p : local.all()) {
            if (warnOnReplace && merged.containsKey(p.id())) {
                problems.warning(Where.wholeFile(p.file()), null, "profile '" + p.id() + "' replaces the built-in profile of the same id");
            }
            merged.put(p.id(), p);
        }
        return new ProfileLibrary(merged);
    }
}
