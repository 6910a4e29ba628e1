package dev.meshcall.e2e;

import java.util.Map;

/** One SDK listener call a page recorded: {@code {name, sessionId, userId, extension, state, t, ...}}. */
public record Event(Map<String, Object> fields) {
    public String name() {
        return (String) fields.get("name");
    }

    public String sessionId() {
        Object id = fields.get("sessionId");
        return id == null ? null : String.valueOf(id);
    }

    public String userId() {
        Object id = fields.get("userId");
        return id == null ? null : String.valueOf(id);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> extension() {
        Object ext = fields.get("extension");
        return ext instanceof Map ? (Map<String, Object>) ext : Map.of();
    }

    /** The {@code SessionConnectionState} number of a state-change event, or -1. */
    public int state() {
        Object s = fields.get("state");
        return s instanceof Number n ? n.intValue() : -1;
    }

    /** When the page recorded it, in epoch milliseconds (fractional). */
    public double time() {
        Object t = fields.get("t");
        return t instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public boolean is(String name, Participant from) {
        return name.equals(name()) && from.account().idText().equals(userId());
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
