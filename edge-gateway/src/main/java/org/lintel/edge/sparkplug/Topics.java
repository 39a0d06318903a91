package org.lintel.edge.sparkplug;

/** Sparkplug B 3.0 topic names: {@code spBv1.0/<group>/<type>/<edge node>[/<device>]}. */
public final class Topics {

    public static final String NAMESPACE = "spBv1.0";

    private Topics() {
    }

    public static String node(String group, String type, String edgeNode) {
        return NAMESPACE + "/" + group + "/" + type + "/" + edgeNode;
    }

    public static String device(String group, String type, String edgeNode, String device) {
        return node(group, type, edgeNode) + "/" + device;
    }

    public static String state(String hostId) {
        return NAMESPACE + "/STATE/" + hostId;
    }
}
