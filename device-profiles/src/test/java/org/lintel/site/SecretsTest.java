package org.lintel.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private final Secrets secrets = Secrets.of(Map.of("LIFT_PASSWORD", "s3cret$1"));

    @Test
    void aReferenceIsReplacedByTheVariable() {
        assertEquals(Optional.of("s3cret$1"), secrets.resolve("${LIFT_PASSWORD}"));
    }

    @Test
    void anUnsetVariableTakesItsDefault() {
        assertEquals(Optional.of("lintel-demo"), secrets.resolve("${LINTEL_OPCUA_PASSWORD:-lintel-demo}"));
    }

    @Test
    void anUnsetVariableWithoutDefaultResolvesToNothing() {
        assertTrue(secrets.resolve("${NOT_SET}").isEmpty());
        assertEquals(List.of("NOT_SET"), Secrets.references("${NOT_SET}"));
    }

    @Test
    void plainTextIsKeptAsWritten() {
        assertEquals(Optional.of("plain"), secrets.resolve("plain"));
    }
}
