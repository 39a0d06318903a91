package org.lintel.hub.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The files in docker/ as an engine would read them, without an engine (none runs on these machines): the compose
 * files through dclint (the compose specification's schema and its best-practice rules), the Dockerfile through
 * dockerfile-utils (the linter of VS Code's Dockerfile support), the entry point through bash -n, and Lintel's own
 * rules for its images: non-root, a health check, the entry point, pinned base images.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of("../docker");
    private static final Path BIN = Path.of("src/test/node/node_modules/.bin");

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " found:\n" + out);
        return out;
    }

    @Test
    void composeFilesPassDclintWithoutErrorsOrWarnings() throws Exception {
        String out = run(List.of(BIN.resolve("dclint").toString(), DOCKER.resolve("compose.yaml").toString(),
                DOCKER.resolve("compose.demo.yaml").toString()));
        assertTrue(out.isBlank(), "dclint's findings:\n" + out);
    }

    @Test
    void dclintRefusesAComposeFileThatBreaksTheSchema() throws Exception {
        Path bad = Files.createTempFile("compose", ".yaml");
        Files.writeString(bad, "services:\n  hub:\n    image: lintel/hub:0.1.0\n    ports: 8080\n    restart: sometimes\n");
        Process p = new ProcessBuilder(BIN.resolve("dclint").toString(), bad.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertTrue(p.exitValue() != 0 && out.contains("error"), "dclint accepted a broken file:\n" + out);
    }

    @Test
    void dockerfilePassesDockerfileUtilsLint() throws Exception {
        String out = run(List.of(BIN.resolve("dockerfile-utils").toString(), "lint", DOCKER.resolve("Dockerfile").toString()));
        assertTrue(out.isBlank(), "dockerfile-utils' findings:\n" + out);
    }

    @Test
    void entryPointIsValidBash() throws Exception {
        run(List.of("bash", "-n", DOCKER.resolve("entrypoint.sh").toString()));
        assertTrue(Files.isExecutable(DOCKER.resolve("entrypoint.sh")));
    }

    /** The stages an image is built from, by name, each with its instructions. */
    private static Map<String, List<String>> stages() throws IOException {
        Map<String, List<String>> stages = new java.util.LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher from = Pattern.compile("FROM (\\S+) AS (\\S+)").matcher(line);
            if (from.matches()) {
                current = new ArrayList<>();
                current.add(line);
                stages.put(from.group(2), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return stages;
    }

    @Test
    void everyImageRunsAsAnUnprivilegedUserWithAHealthCheckThroughTheEntryPoint() throws IOException {
        Map<String, List<String>> stages = stages();
        for (String image : List.of("hub", "edge", "simulators")) {
            List<String> lines = stages.get(image);
            assertTrue(lines != null, "no stage " + image);
            assertTrue(lines.contains("USER lintel"), image + " runs as root");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ") && l.contains("\"health\", \"" + image + "\"")), image + ": no health check");
            assertTrue(lines.contains("CMD [\"" + image + "\"]"), image + ": its command is not the entry point's " + image);
            assertTrue(lines.get(0).startsWith("FROM runtime AS"), image + " is not built on the common runtime stage");
        }
        assertTrue(stages.get("runtime").stream().anyMatch(l -> l.equals("ENTRYPOINT [\"/opt/lintel/entrypoint.sh\"]")));
    }

    @Test
    void baseImagesAndComposeImagesArePinnedToAVersion() throws IOException {
        Set<String> images = new LinkedHashSet<>();
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        while (from.find()) {
            if (!Set.of("runtime", "build").contains(from.group(1))) {
                images.add(from.group(1));
            }
        }
        for (String file : List.of("compose.yaml", "compose.demo.yaml")) {
            Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve(file)));
            for (Object service : ((Map<?, ?>) compose.get("services")).values()) {
                Object image = ((Map<?, ?>) service).get("image");
                if (image != null) {
                    images.add((String) image);
                }
            }
        }
        assertTrue(images.size() >= 7, "images found: " + images);
        for (String image : images) {
            assertTrue(image.matches("[a-z0-9./-]+:v?[0-9][A-Za-z0-9._-]*"), image + " is not pinned to a version (latest moves under a deployment)");
        }
    }

    @Test
    void everyVariableTheComposeFilesGiveTheLintelImagesIsOneTheEntryPointReads() throws IOException {
        String entryPoint = Files.readString(DOCKER.resolve("entrypoint.sh"));
        for (String file : List.of("compose.yaml", "compose.demo.yaml")) {
            Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve(file)));
            for (Map.Entry<?, ?> service : ((Map<?, ?>) compose.get("services")).entrySet()) {
                Map<?, ?> s = (Map<?, ?>) service.getValue();
                if (!(s.get("build") instanceof Map<?, ?> build) || !"docker/Dockerfile".equals(build.get("dockerfile"))) {
                    continue;
                }
                Map<?, ?> env = (Map<?, ?>) s.get("environment");
                for (Object name : env.keySet()) {
                    String n = (String) name;
                    boolean siteVariable = n.matches("LINTEL_(GW_.*_PASSWORD|OPCUA_PASSWORD|PSK)");
                    assertTrue(siteVariable || n.equals("JAVA_OPTS") || entryPoint.contains(n),
                            file + ": service " + service.getKey() + " is given " + n + ", which docker/entrypoint.sh never reads");
                }
            }
        }
    }
}
