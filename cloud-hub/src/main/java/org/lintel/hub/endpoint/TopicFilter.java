package org.lintel.hub.endpoint;

/** MQTT topic filters: {@code +} matches one level, a trailing {@code #} the rest (including the parent level). */
final class TopicFilter {

    private TopicFilter() {
    }

    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return i == f.length - 1;
            }
            if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
