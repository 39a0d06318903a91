package org.lintel.profile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The JSON Schemas that editors use accept the library and the sample site, and catch a typo as the validator does. */
class JsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("schema", name))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    private static JsonNode yaml(String text) {
        return JSON.valueToTree(new Yaml().load(text));
    }

    @Test
    void everyLibraryProfileIsValidAgainstTheProfileSchema() throws IOException {
        JsonSchema schema = schema("device-profile.schema.json");
        try (Stream<Path> files = Files.list(Path.of("profiles"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Set<ValidationMessage> errors = schema.validate(yaml(Files.readString(f)));
                assertTrue(errors.isEmpty(), f + ": " + errors);
            }
        }
    }

    @Test
    void theSampleSiteIsValidAgainstTheSiteSchema() throws IOException {
        Set<ValidationMessage> errors = schema("site.schema.json").validate(yaml(Files.readString(Path.of("sites/sample-community.yaml"))));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theProfileSchemaRejectsAMisspeltKey() throws IOException {
        String text = Files.readString(Path.of("profiles/eastron-sdm120.yaml")).replace("wordOrder: big", "wordOrdr: big");
        Set<ValidationMessage> errors = schema("device-profile.schema.json").validate(yaml(text));
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("wordOrdr"), errors.toString());
    }
}
