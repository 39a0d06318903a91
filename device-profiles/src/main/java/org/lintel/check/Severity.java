package org.lintel.check;

/** How serious a problem in a profile or site file is: errors reject the file, warnings only inform. */
public enum Severity {
    ERROR,
    WARNING
}
