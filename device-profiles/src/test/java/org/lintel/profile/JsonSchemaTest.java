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

    /** YAML as an editor's language server reads it: dates stay text (SnakeYAML's default makes them java.util.Date). */
    private static JsonNode yamlWithTextDates(String text) {
        org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
        org.yaml.snakeyaml.resolver.Resolver noDates = new org.yaml.snakeyaml.resolver.Resolver() {
            @Override
            public void addImplicitResolver(org.yaml.snakeyaml.nodes.Tag tag, java.util.regex.Pattern regexp, String first, int limit) {
                if (!org.yaml.snakeyaml.nodes.Tag.TIMESTAMP.equals(tag)) {
                    super.addImplicitResolver(tag, regexp, first, limit);
                }
            }
        };
        return JSON.valueToTree(new Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(o), new org.yaml.snakeyaml.representer.Representer(
                new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), o, noDates).load(text));
    }

    @Test
    void theSampleTariffIsValidAgainstTheTariffSchemaWhichCatchesAMisspeltKey() throws IOException {
        String text = Files.readString(Path.of("sites/sample-community.tariffs.yaml"));
        Set<ValidationMessage> errors = schema("tariff.schema.json").validate(yamlWithTextDates(text));
        assertTrue(errors.isEmpty(), errors.toString());
        Set<ValidationMessage> typo = schema("tariff.schema.json").validate(yamlWithTextDates(text.replace("tierAdders:", "tierAdder:")));
        assertTrue(typo.toString().contains("tierAdder"), typo.toString());
    }

    @Test
    void theProfileSchemaRejectsAMisspeltKey() throws IOException {
        String text = Files.readString(Path.of("profiles/eastron-sdm120.yaml")).replace("wordOrder: big", "wordOrdr: big");
        Set<ValidationMessage> errors = schema("device-profile.schema.json").validate(yaml(text));
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("wordOrdr"), errors.toString());
    }
}
