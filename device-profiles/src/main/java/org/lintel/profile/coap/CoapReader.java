package org.lintel.profile.coap;

import java.util.Optional;
import org.lintel.yaml.YamlMap;

/** Reads a point's {@code coap:} address: resource path, content format, field selector, observe or poll. */
public final class CoapReader {

    private CoapReader() {
    }

    public static Optional<CoapAddress> address(YamlMap m) {
        Optional<String> path = m.requiredText("path", "a resource path such as /3303/0/5700");
        Optional<ContentFormat> format = m.requiredChoice("format", ContentFormat.words());
        Optional<String> field = m.text("field");
        boolean observe = m.flag("observe").orElse(false);
        m.rejectUnknownKeys();
        if (path.isEmpty() || format.isEmpty()) {
            return Optional.empty();
        }
        if (!path.get().startsWith("/")) {
            m.error("path", "a resource path starts with '/', found '" + path.get() + "'");
            return Optional.empty();
        }
        ContentFormat f = format.get();
        if (field.isPresent()) {
            if (f == ContentFormat.TEXT) {
                m.error("field", "a text payload is one value; remove 'field' or use json, cbor or senml");
                return Optional.empty();
            }
            if (!f.isSenml() && !field.get().startsWith("/")) {
                m.error("field", "for " + f.word() + " the field is a JSON Pointer starting with '/', e.g. /" + field.get());
                return Optional.empty();
            }
        } else if (f.isSenml()) {
            m.missing("field", "the SenML record name (base name + name), e.g. /3303/0/5700");
            return Optional.empty();
        }
        return Optional.of(new CoapAddress(path.get(), f, field.orElse(null), observe));
    }
}
