package org.lintel.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.lintel.check.Problems;
import org.lintel.check.Where;

/**
 * The text of a configuration file from its bytes: UTF-8 (with or without a byte-order mark), or UTF-16 with a
 * byte-order mark (what Windows editors save as "Unicode"). Anything else gets a problem saying where the first byte
 * that is not text is, instead of a decoder's "Input length = 1".
 */
public final class TextDecoding {

    private TextDecoding() {
    }

    public static Optional<String> decode(byte[] b, String displayName, Problems problems) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return strict(b, 2, StandardCharsets.UTF_16LE, displayName, problems);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return strict(b, 2, StandardCharsets.UTF_16BE, displayName, problems);
        }
        int start = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < b.length; i++) {
            if (b[i] == 0) {
                problems.error(new Where(displayName, lineAt(b, start, i), 1), null, "this is not a text file (a zero byte at offset " + i
                        + "); a site or profile file is YAML or JSON text, saved as UTF-8");
                return Optional.empty();
            }
        }
        return strict(b, start, StandardCharsets.UTF_8, displayName, problems);
    }

    private static Optional<String> strict(byte[] b, int start, java.nio.charset.Charset charset, String displayName, Problems problems) {
        CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, (long) (b.length - start) * 2 + 16));
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            problems.error(new Where(displayName, lineAt(b, start, at), 1), null, "not " + charset.name() + " text: byte 0x"
                    + String.format("%02X", b[at] & 0xFF) + " at offset " + at + " cannot be read; save the file as UTF-8");
            return Optional.empty();
        }
        d.flush(out);
        out.flip();
        return Optional.of(out.toString());
    }

    private static int lineAt(byte[] b, int start, int offset) {
        int line = 1;
        for (int i = start; i < offset && i < b.length; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

}
