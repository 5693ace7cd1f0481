package io.aisprint.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a task interface used with {@link TaskRuntime#proxy}. The method must return
 * {@link TaskFuture}; the implementation object has a method of the same name and parameters
 * returning the plain value.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {
    FailurePolicy.Kind onFailure() default FailurePolicy.Kind.FAIL;

    int retries() default 0;

    boolean priority() default false;

    /** Time-out in milliseconds, 0 for none. */
    long timeoutMillis() default 0;

    int cores() default 1;

    long memoryMb() default 0;

    int gpus() default 0;
}
