package org.lintel.hub.core;

import java.util.List;

/**
 * An uploaded file refused whole, nothing kept: its problems, each "name:line: column or field: what is wrong and what
 * would be right". The API answers 422 with them.
 */
public final class RefusedFile extends RuntimeException {

    private final List<String> problems;

    public RefusedFile(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
