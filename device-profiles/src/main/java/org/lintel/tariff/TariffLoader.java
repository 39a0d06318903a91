package org.lintel.tariff;

import java.nio.file.Path;
import java.util.Optional;
import org.lintel.check.Problems;
import org.lintel.yaml.YamlFile;

/** Reads a tariff file from disk or from uploaded text; every problem goes to {@code problems} with its place. */
public final class TariffLoader {

    private TariffLoader() {
    }

    public static Optional<TariffFile> load(Path file, String displayName, Problems problems) {
        return YamlFile.read(file, displayName, problems).flatMap(root -> TariffReader.read(root, problems));
    }

    public static Optional<TariffFile> loadText(String displayName, String text, Problems problems) {
        return YamlFile.parse(displayName, new java.io.StringReader(text), problems).flatMap(root -> TariffReader.read(root, problems));
    }
}
