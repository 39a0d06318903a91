package org.lintel.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's one script, read as text: two functions of the same name in it are not an error in JavaScript, the
 * later one silently replaces the earlier everywhere (the energy page's unit view once called the collections desk's).
 */
class ConsoleScriptTest {

    static final Path SCRIPT = Path.of("src/main/resources/org/lintel/hub/console/console.js");

    @Test
    void noTwoFunctionsInTheConsoleScriptShareAName() throws Exception {
        List<String> lines = Files.readAllLines(SCRIPT);
        Pattern declaration = Pattern.compile("^(\\s*)(?:async\\s+)?function\\s+([A-Za-z_$][\\w$]*)\\s*\\(");
        Map<String, Integer> seen = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = declaration.matcher(lines.get(i));
            // the script's own functions sit two spaces in, inside its one wrapping function
            if (m.find() && m.group(1).length() == 2) {
                Integer before = seen.putIfAbsent(m.group(2), i + 1);
                if (before != null) {
                    twice.add(m.group(2) + " at lines " + before + " and " + (i + 1));
                }
            }
        }
        assertEquals(List.of(), twice);
        assertEquals(true, seen.size() > 50, "the script's functions were found: " + seen.size());
    }

    @Test
    void noKeyAppearsTwiceInEitherLanguagesTexts() throws Exception {
        // a second key in an object literal silently replaces the first: the building cards once showed the dashboard's label
        String script = Files.readString(SCRIPT);
        int zh = script.indexOf("'zh-CN': {");
        int en = script.indexOf("\n    en: {", zh);
        int end = script.indexOf("\n  };", en);
        Pattern key = Pattern.compile("(?m)(?:^\\s+|,\\s*)([A-Za-z_][\\w]*|'[^']+'):\\s*'");
        for (String[] part : List.of(new String[] {"zh-CN", script.substring(zh, en)}, new String[] {"en", script.substring(en, end)})) {
            Map<String, Integer> seen = new HashMap<>();
            List<String> twice = new ArrayList<>();
            Matcher m = key.matcher(part[1]);
            while (m.find()) {
                if (seen.merge(m.group(1), 1, Integer::sum) == 2) {
                    twice.add(m.group(1));
                }
            }
            assertEquals(List.of(), twice, part[0] + "'s texts");
            assertEquals(true, seen.size() > 300, part[0] + "'s texts were found: " + seen.size());
        }
    }
}
