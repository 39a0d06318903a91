package org.lintel.hub.telemetry.sparkplug;

import java.util.List;

/** Where the primary host keeps its edge nodes' sessions, so that a restarted hub decodes what was queued for it. */
public interface SessionStore {

    /** Every saved session. */
    List<EdgeNodeSession> load();

    /** Replaces the saved state of these nodes, all or nothing; throws when that is not possible. */
    void save(List<EdgeNodeSession> sessions);

    /** Keeps nothing: a restarted host starts with no sessions and asks each node for a rebirth. */
    SessionStore NONE = new SessionStore() {
        @Override
        public List<EdgeNodeSession> load() {
            return List.of();
        }

        @Override
        public void save(List<EdgeNodeSession> sessions) {
        }
    };
}
