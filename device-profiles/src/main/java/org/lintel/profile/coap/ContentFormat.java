package org.lintel.profile.coap;

import java.util.LinkedHashMap;
import java.util.Map;

/** The CoAP payload formats a profile can read, with their IANA CoAP content-format numbers. */
public enum ContentFormat {
    TEXT("text", 0),
    JSON("json", 50),
    CBOR("cbor", 60),
    SENML_JSON("senml+json", 110),
    SENML_CBOR("senml+cbor", 112);

    private final String word;
    private final int number;

    ContentFormat(String word, int number) {
        this.word = word;
        this.number = number;
    }

    public String word() {
        return word;
    }

    /** The CoAP Content-Format option value. */
    public int number() {
        return number;
    }

    public boolean isSenml() {
        return this == SENML_JSON || this == SENML_CBOR;
    }

    public static Map<String, ContentFormat> words() {
        Map<String, ContentFormat> m = new LinkedHashMap<>();
        for (ContentFormat f : values()) {
            m.put(f.word, f);
        }
        return m;
    }
}
