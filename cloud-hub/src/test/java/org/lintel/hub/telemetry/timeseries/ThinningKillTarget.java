package org.lintel.hub.telemetry.timeseries;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/** Opens an embedded store and thins it, in a process of its own for {@link ThinningKillTest} to SIGKILL. */
public final class ThinningKillTarget {

    private ThinningKillTarget() {
    }

    public static void main(String[] args) {
        EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(Path.of(args[0]));
        System.out.println("thinning");
        System.out.flush();
        EmbeddedTimeSeriesStore.Thinning t = store.thin(Instant.parse(args[1]), site -> ZoneId.of("Asia/Shanghai"));
        System.out.println("thinned " + t.pointsAfter());
        System.out.flush();
        store.close();
    }
}
