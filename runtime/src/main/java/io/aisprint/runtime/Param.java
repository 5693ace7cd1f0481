package io.aisprint.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Declares the direction (and kind) of a task-interface parameter that cannot be inferred. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {
    Direction value();

    /** Whether a {@link java.nio.file.Path} parameter is a file or a directory. */
    Kind kind() default Kind.OBJECT;

    enum Kind {
        OBJECT, FILE, DIRECTORY
    }
}
