package org.lintel.hub.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a hub keeps what a backup takes: its data folder, PostgreSQL (embedded when {@code postgresUrl} is null, on
 * {@code postgresPort}), the time series (the embedded store when {@code influxUrl} is null), and its configuration
 * files. The hub's own configuration says it ({@code HubConfig.stores()}).
 */
public record HubStores(Path data, String postgresUrl, String postgresUser, String postgresPassword, int postgresPort, String influxUrl,
                        String influxDatabase, List<Path> sites, Path escalation) {

    public HubStores {
        sites = List.copyOf(sites);
    }
}
