package org.lintel.hub.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.check.Problem;
import org.lintel.check.Problems;

/** The problems of an uploaded file (a site, a profile) as a problem+json {@code errors} list: file, line, column, message. */
public final class FileProblems {

    private FileProblems() {
    }

    public static List<Map<String, Object>> of(Problems problems) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Problem p : problems.sorted()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", p.severity().name().toLowerCase());
            m.put("file", p.file());
            m.put("line", p.line());
            m.put("column", p.column());
            m.put("subject", p.subject());
            m.put("message", p.message());
            m.put("text", p.toString());
            messages.add(m);
        }
        return messages;
    }
}
