package org.lintel.check;

/** A position in a file: 1-based line and column, or line 0 for a problem about the file as a whole. */
public record Where(String file, int line, int column) {

    public static Where wholeFile(String file) {
        return new Where(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
