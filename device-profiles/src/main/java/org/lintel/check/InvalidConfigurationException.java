package org.lintel.check;

/**
 * Thrown when a profile or site file cannot be used; carries every problem found, not only the first.
 */
public class InvalidConfigurationException extends RuntimeException {

    private final transient Problems problems;

    public InvalidConfigurationException(Problems problems) {
        super(problems.errorCount() + " problem(s):\n" + problems);
        this.problems = problems;
    }

    public Problems problems() {
        return problems;
    }
}
