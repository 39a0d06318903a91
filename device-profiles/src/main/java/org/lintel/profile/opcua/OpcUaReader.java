package org.lintel.profile.opcua;

import java.time.Duration;
import java.util.Optional;
import org.lintel.yaml.YamlMap;

/** Reads a point's {@code opcua:} address: a node id by namespace URI, and whether to subscribe. */
public final class OpcUaReader {

    private OpcUaReader() {
    }

    /** @param defaultNamespace the profile's {@code opcua.namespace}, used by short node ids such as {@code s=Floor} */
    public static Optional<OpcUaAddress> address(YamlMap m, String defaultNamespace) {
        Optional<String> node = m.requiredText("node", "a node id such as nsu=urn:vendor:lift;s={root}.Floor");
        boolean subscribe = m.flag("subscribe").orElse(false);
        Duration sampling = m.duration("samplingInterval").orElse(null);
        m.rejectUnknownKeys();
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String text = node.get();
        if (NodeIdText.usesIndex(text)) {
            m.error("node", "'" + text + "' names the namespace by index; write the namespace URI instead"
                    + " (nsu=<uri>;s=...), because indexes differ between servers and restarts");
            return Optional.empty();
        }
        Optional<NodeIdText.Parts> parts = NodeIdText.parse(text, defaultNamespace);
        if (parts.isEmpty()) {
            m.error("node", "'" + text + "' is not a node id; expected nsu=<namespace uri>;s=<string id> (or i=, g=, b=)"
                    + (defaultNamespace == null ? ", or set opcua.namespace at the top of the profile and write s=<id>" : ""));
            return Optional.empty();
        }
        if (sampling != null && !subscribe) {
            m.error("samplingInterval", "applies only to subscriptions; add 'subscribe: true' or remove it");
        }
        NodeIdText.Parts p = parts.get();
        return Optional.of(new OpcUaAddress(p.namespaceUri(), p.type(), p.identifier(), subscribe, sampling));
    }
}
