package org.lintel.hub.registry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.lintel.check.Problems;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.library.ProfileLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device profiles the running hub knows: built in, from the profile folders of the site files it was started
 * with, and uploaded by engineers (which replace a profile of the same id). An upload takes effect at once and is kept
 * in PostgreSQL, so a restarted hub knows it too.
 */
public final class ProfileCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileCatalog.class);

    /** Where a profile came from, for the list engineers see. */
    public enum Source { BUILT_IN_OR_SITE_FOLDER, UPLOADED }

    /** A rejected upload: the problems, each with file, line and column. */
    public static final class InvalidProfileException extends RuntimeException {
        private final transient Problems problems;

        InvalidProfileException(String message, Problems problems) {
            super(message);
            this.problems = problems;
        }

        public Problems problems() {
            return problems;
        }
    }

    private final ProfileStore store;
    private final AtomicReference<ProfileLibrary> library;
    private final Map<String, Source> sources = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param base the built-in profiles and those of the site files' folders */
    public ProfileCatalog(ProfileLibrary base, ProfileStore store) {
        this.store = store;
        base.ids().forEach(id -> sources.put(id, Source.BUILT_IN_OR_SITE_FOLDER));
        ProfileLibrary lib = base;
        for (ProfileStore.Upload u : store.all()) {
            Problems problems = new Problems();
            Optional<DeviceProfile> p = ProfileLibrary.readText(u.fileName(), u.body(), problems);
            if (p.isPresent()) {
                lib = lib.with(p.get());
                sources.put(p.get().id(), Source.UPLOADED);
            } else {
                // it was valid when uploaded; a later Lintel may check more: say so, and keep the rest
                LOG.warn("event=uploaded-profile-unreadable profile={} problems=\"{}\"", u.id(), problems.toString().replace('"', '\''));
            }
        }
        this.library = new AtomicReference<>(lib);
    }

    public Optional<DeviceProfile> find(String id) {
        return library.get().find(id);
    }

    /** The whole library as it is now (validating a site file against it). */
    public ProfileLibrary library() {
        return library.get();
    }

    public Map<String, Source> sources() {
        Map<String, Source> out = new LinkedHashMap<>();
        library.get().ids().forEach(id -> out.put(id, sources.getOrDefault(id, Source.BUILT_IN_OR_SITE_FOLDER)));
        return out;
    }

    /**
     * Validates and keeps an uploaded profile; its id must be {@code id}. Throws {@link InvalidProfileException} with
     * positioned problems when it is not a valid profile; nothing is kept then.
     *
     * @return the warnings of a profile that was kept
     */
    public synchronized Problems upload(String id, String fileName, String text, String by, Instant at) {
        Problems problems = new Problems();
        Optional<DeviceProfile> p = ProfileLibrary.readText(fileName, text, problems);
        if (p.isEmpty() || problems.hasErrors()) {
            throw new InvalidProfileException(problems.errorCount() + " error(s) in " + fileName + "; nothing was kept", problems);
        }
        if (!p.get().id().equals(id)) {
            problems.error(org.lintel.check.Where.wholeFile(fileName), "profile", "field 'id' is '" + p.get().id() + "' but the upload is for '" + id
                    + "'; send it to /api/v1/profiles/" + p.get().id());
            throw new InvalidProfileException("the profile's id is not the one in the path; nothing was kept", problems);
        }
        store.save(new ProfileStore.Upload(id, fileName, text, at, by));
        library.updateAndGet(lib -> lib.with(p.get()));
        sources.put(id, Source.UPLOADED);
        LOG.info("event=profile-uploaded profile={} by={} points={}", id, by, p.get().points().size());
        return problems;
    }
}
