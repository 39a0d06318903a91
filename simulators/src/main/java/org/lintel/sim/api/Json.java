package org.lintel.sim.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.math.BigDecimal;
import java.time.Instant;

/** The JSON mapper of the HTTP API: instants as ISO-8601 UTC text, decimals exact. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Instant.class, new ToStringSerializer(Instant.class))
                    .addSerializer(BigDecimal.class, new ToStringSerializer(BigDecimal.class)));

    private Json() {
    }
}
