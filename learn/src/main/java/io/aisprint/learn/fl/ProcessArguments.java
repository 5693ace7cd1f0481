package io.aisprint.learn.fl;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --key value} arguments the launcher hands a server or client process: parsed with
 * every unknown key reported, read back with typed getters that name the key on a bad value.
 */
final class ProcessArguments {
    private final Map<String, String> values = new LinkedHashMap<>();

    ProcessArguments() {
    }

    static ProcessArguments parse(List<String> arguments, Set<String> known) {
        ProcessArguments parsed = new ProcessArguments();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String key = arguments.get(i);
            if (!key.startsWith("--") || i + 1 >= arguments.size()) {
                throw new LearnException(LearnErrorCode.INVALID_OPTION, "argument '" + key + "' is not of the form --key value.");
            }
            String name = key.substring(2);
            if (!known.contains(name)) {
                unknown.add(key);
            }
            parsed.values.put(name, arguments.get(++i));
        }
        if (!unknown.isEmpty()) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "unknown arguments " + unknown + "; expected some of " + known + ".");
        }
        return parsed;
    }

    ProcessArguments put(String key, Object value) {
        if (value != null) {
            values.put(key, String.valueOf(value));
        }
        return this;
    }

    List<String> toList() {
        List<String> list = new ArrayList<>();
        values.forEach((key, value) -> {
            list.add("--" + key);
            list.add(value);
        });
        return list;
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        String value = values.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--" + key + " '" + value + "' is not a whole number.");
        }
    }

    boolean flag(String key) {
        String value = values.getOrDefault(key, "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--" + key + " '" + value + "' is neither true nor false.");
        }
        return value.equals("true");
    }

    double number(String key, double fallback) {
        String value = values.get(key);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--" + key + " '" + value + "' is not a number.");
        }
    }
}
