package org.lintel.edge.normalize;

/** Where normalised readings go: stdout as JSON lines now, the Sparkplug uplink later. */
@FunctionalInterface
public interface ReadingSink {

    void accept(ReadingBatch batch);
}
