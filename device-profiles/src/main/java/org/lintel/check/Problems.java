package org.lintel.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem of a run, so that an engineer sees all mistakes of a file at once rather than one per attempt.
 * Not thread-safe: one collector per validation run.
 */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public void add(Problem problem) {
        list.add(problem);
    }

    public void error(Where where, String subject, String message) {
        add(new Problem(Severity.ERROR, where.file(), where.line(), where.column(), subject, message));
    }

    public void warning(Where where, String subject, String message) {
        add(new Problem(Severity.WARNING, where.file(), where.line(), where.column(), subject, message));
    }

    public void addAll(Problems other) {
        list.addAll(other.list);
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    public long errorCount() {
        return list.stream().filter(Problem::isError).count();
    }

    public long warningCount() {
        return list.size() - errorCount();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** All problems in file, line and column order, as an engineer reads a file. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line).thenComparingInt(Problem::column));
        return List.copyOf(copy);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Problem p : sorted()) {
            b.append(p).append('\n');
        }
        return b.toString();
    }
}
