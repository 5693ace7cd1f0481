package io.aisprint.model.validate;

import io.aisprint.model.Problem;

/** Turns a model element into the file and place it was read from (JSON pointer or YAML line). */
@FunctionalInterface
public interface Locator {
    Problem problem(Subject subject, String message);
}
