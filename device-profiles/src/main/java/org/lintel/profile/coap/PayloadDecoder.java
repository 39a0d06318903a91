package org.lintel.profile.coap;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.lintel.reading.RawValue;

/**
 * Extracts a point's raw value from a CoAP payload in JSON, CBOR, SenML (JSON or CBOR, RFC 8428) or plain text.
 * Throws {@link PayloadException} with a reason an engineer can act on when the payload does not fit the profile.
 */
public final class PayloadDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    /** A payload that does not hold what the profile says it holds. */
    public static final class PayloadException extends Exception {
        public PayloadException(String message) {
            super(message);
        }
    }

    private PayloadDecoder() {
    }

    public static RawValue decode(CoapAddress address, byte[] payload) throws PayloadException {
        switch (address.format()) {
            case TEXT:
                return text(new String(payload, StandardCharsets.UTF_8).trim());
            case JSON:
                return fromTree(select(read(JSON, payload, "JSON"), address.field()), address.field());
            case CBOR:
                return fromTree(select(read(CBOR, payload, "CBOR"), address.field()), address.field());
            case SENML_JSON:
                return senml(read(JSON, payload, "SenML JSON"), address.field());
            default:
                return senml(read(CBOR, payload, "SenML CBOR"), address.field());
        }
    }

    private static JsonNode read(ObjectMapper mapper, byte[] payload, String format) throws PayloadException {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new PayloadException("payload is not valid " + format + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static JsonNode select(JsonNode root, String field) throws PayloadException {
        if (field == null || field.isEmpty()) {
            return root;
        }
        JsonNode n = root.at(JsonPointer.compile(field));
        if (n.isMissingNode()) {
            throw new PayloadException("payload has no field " + field);
        }
        return n;
    }

    private static RawValue fromTree(JsonNode n, String field) throws PayloadException {
        if (n.isBoolean()) {
            return new RawValue.Bool(n.booleanValue());
        }
        if (n.isIntegralNumber()) {
            return new RawValue.Integer(new BigDecimal(n.bigIntegerValue()));
        }
        if (n.isNumber()) {
            return new RawValue.Floating(n.doubleValue());
        }
        if (n.isTextual()) {
            return new RawValue.Text(n.textValue());
        }
        throw new PayloadException("field " + (field == null ? "(whole payload)" : field) + " is " + n.getNodeType() + ", not a value");
    }

    private static RawValue text(String t) {
        try {
            return t.contains(".") || t.contains("e") || t.contains("E")
                    ? new RawValue.Floating(Double.parseDouble(t))
                    : new RawValue.Integer(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return new RawValue.Text(t);
        }
    }

    /**
     * SenML: records may carry a base name ({@code bn}, label -2 in CBOR) that prefixes the following names; the value
     * is in {@code v} (2), {@code vs} (3), {@code vb} (4).
     */
    private static RawValue senml(JsonNode pack, String name) throws PayloadException {
        if (!pack.isArray()) {
            throw new PayloadException("SenML payload must be an array of records");
        }
        String baseName = "";
        for (JsonNode record : pack) {
            JsonNode bn = field(record, "bn", "-2");
            if (bn != null) {
                baseName = bn.asText();
            }
            JsonNode n = field(record, "n", "0");
            String full = baseName + (n == null ? "" : n.asText());
            if (full.equals(name)) {
                JsonNode v = field(record, "v", "2");
                if (v != null && v.isNumber()) {
                    return v.isIntegralNumber() ? new RawValue.Integer(new BigDecimal(v.bigIntegerValue())) : new RawValue.Floating(v.doubleValue());
                }
                JsonNode vs = field(record, "vs", "3");
                if (vs != null) {
                    return new RawValue.Text(vs.asText());
                }
                JsonNode vb = field(record, "vb", "4");
                if (vb != null) {
                    return new RawValue.Bool(vb.asBoolean());
                }
                throw new PayloadException("SenML record " + name + " has no value (v, vs or vb)");
            }
        }
        throw new PayloadException("SenML payload has no record named " + name);
    }

    private static JsonNode field(JsonNode record, String jsonName, String cborLabel) {
        JsonNode n = record.get(jsonName);
        return n != null ? n : record.get(cborLabel);
    }
}
