package org.lintel.hub.billing.export;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A font file that is not one is named in the error, not a bare failure. */
class ChineseFontTest {

    @Test
    void aFileThatIsNotATrueTypeFontIsRefusedNamingIt() throws Exception {
        Path notAFont = Files.createTempFile("not-a-font", ".ttf");
        Files.writeString(notAFont, "this is text");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PaymentNotices(notAFont));
        assertTrue(e.getMessage().contains(notAFont.toString()) && e.getMessage().contains("cannot be read as TrueType"), e.getMessage());
    }
}
