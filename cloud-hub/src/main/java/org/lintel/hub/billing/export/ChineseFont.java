package org.lintel.hub.billing.export;

import com.lowagie.text.pdf.BaseFont;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TrueType font a notice's Chinese is set in, embedded (subset) in each PDF: {@code LINTEL_CJK_FONT} when set,
 * else the first of Debian's fonts-wqy-microhei, fonts-wqy-zenhei and fonts-arphic-uming that is installed. None is
 * bundled: a Chinese font is megabytes and each site may want its own.
 */
public final class ChineseFont {

    static final List<String> CANDIDATES = List.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc");

    private ChineseFont() {
    }

    /** The font file to use, or empty when there is none (the notices then answer what to install). */
    public static Optional<Path> file() {
        List<String> tried = new ArrayList<>();
        String configured = System.getenv("LINTEL_CJK_FONT");
        if (configured != null && !configured.isBlank()) {
            tried.add(configured);
        }
        tried.addAll(CANDIDATES);
        return tried.stream().map(Path::of).filter(Files::isReadable).findFirst();
    }

    public static BaseFont load(Path file) {
        try {
            String name = file.toString();
            // a collection (.ttc) is opened at its first face
            return BaseFont.createFont(name.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") ? name + ",0" : name, BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED);
        } catch (java.io.IOException | com.lowagie.text.DocumentException e) {
            throw new IllegalStateException("the font " + file + " cannot be read as TrueType: " + e.getMessage(), e);
        }
    }
}
