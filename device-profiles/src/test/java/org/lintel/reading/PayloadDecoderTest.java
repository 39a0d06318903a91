package org.lintel.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.profile.coap.ContentFormat;
import org.lintel.profile.coap.PayloadDecoder;

/** CoAP payloads in every supported content format, and clear reasons when a payload does not fit. */
class PayloadDecoderTest {

    @Test
    void senmlCborUsesIntegerLabelsForBaseNameAndValue() throws Exception {
        // RFC 8428 CBOR labels: bn = -2, n = 0, v = 2
        byte[] cbor = new ObjectMapper(new CBORFactory()).writeValueAsBytes(List.of(Map.of(-2, "/3303/0/", 0, "5700", 2, 21.25)));
        CoapAddress a = new CoapAddress("/3303/0/5700", ContentFormat.SENML_CBOR, "/3303/0/5700", true);
        assertEquals(new RawValue.Floating(21.25), PayloadDecoder.decode(a, cbor));
    }

    @Test
    void cborMapsAreSelectedByJsonPointer() throws Exception {
        byte[] cbor = new ObjectMapper(new CBORFactory()).writeValueAsBytes(Map.of("smoke", Map.of("obscuration", 3)));
        CoapAddress a = new CoapAddress("/smoke", ContentFormat.CBOR, "/smoke/obscuration", false);
        assertEquals(RawValue.of(3), PayloadDecoder.decode(a, cbor));
    }

    @Test
    void aMissingFieldSaysWhichFieldIsMissing() {
        CoapAddress a = new CoapAddress("/alarm", ContentFormat.JSON, "/state", true);
        PayloadDecoder.PayloadException e = assertThrows(PayloadDecoder.PayloadException.class,
                () -> PayloadDecoder.decode(a, "{\"tamper\":true}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("payload has no field /state", e.getMessage());
    }

    @Test
    void malformedJsonIsAPayloadExceptionNotACrash() {
        CoapAddress a = new CoapAddress("/alarm", ContentFormat.JSON, "/state", true);
        PayloadDecoder.PayloadException e = assertThrows(PayloadDecoder.PayloadException.class,
                () -> PayloadDecoder.decode(a, "{\"state\":".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("payload is not valid JSON"), e.getMessage());
    }
}
