package io.aisprint.security.net.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** A table action with its parameters, like {@code set_app_id{app_id=3}} or {@code drop}. */
public record Action(String name, Map<String, Long> params) {
    public Action {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Action of(String name) {
        return new Action(name, Map.of());
    }

    public static Action of(String name, String param, long value) {
        return new Action(name, Map.of(param, value));
    }

    public long param(String key) {
        Long value = params.get(key);
        if (value == null) {
            throw new IllegalStateException("action " + name + " has no parameter " + key);
        }
        return value;
    }
}
