package org.lintel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.check.Problems;
import org.lintel.unit.Unit;

/** The reference documentation names every unit of the vocabulary and every built-in profile. */
class DocsTest {

    private static String reference() throws IOException {
        return Files.readString(Path.of("../docs/device-profiles.md"));
    }

    @Test
    void theReferenceListsEveryUnitOfTheVocabulary() throws IOException {
        String doc = reference();
        for (String id : Unit.ids()) {
            assertTrue(doc.contains("`" + id + "`"), "docs/device-profiles.md does not list unit " + id);
        }
    }

    @Test
    void theReferenceListsEveryBuiltInProfile() throws IOException {
        String doc = reference();
        for (String id : ProfileLibrary.builtIn(new Problems()).ids()) {
            assertTrue(doc.contains("`" + id + "`"), "docs/device-profiles.md does not list profile " + id);
        }
    }
}
