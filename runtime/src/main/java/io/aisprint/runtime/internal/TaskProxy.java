package io.aisprint.runtime.internal;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.Data;
import io.aisprint.runtime.Direction;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.Param;
import io.aisprint.runtime.Task;
import io.aisprint.runtime.TaskBuilder;
import io.aisprint.runtime.TaskContext;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntimeException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a task interface into submissions. Everything is checked when the proxy is made, so a
 * parameter whose direction cannot be inferred fails before any task runs.
 */
final class TaskProxy {
    private TaskProxy() {
    }

    /** How one parameter is passed. */
    private enum Passing {
        CONSTANT, FUTURE, DATA, FILE, DIRECTORY
    }

    private record ParameterPlan(String name, Passing passing, Direction direction) {
    }

    private record MethodPlan(Method target, ParameterPlan[] parameters, Task task) {
    }

    static <T> T create(DefaultTaskRuntime runtime, Class<T> taskInterface, Object implementation) {
        if (!taskInterface.isInterface()) {
            throw invalid(taskInterface.getName() + " is not an interface.\nMaybe declare the task methods in an interface"
                    + " and pass the implementation separately.");
        }
        Map<Method, MethodPlan> plans = new HashMap<>();
        for (Method method : taskInterface.getMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            plans.put(method, plan(taskInterface, method, implementation));
        }
        Object proxy = Proxy.newProxyInstance(taskInterface.getClassLoader(), new Class<?>[] {taskInterface},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(implementation, args);
                    }
                    return submit(runtime, plans.get(method), implementation, args == null ? new Object[0] : args);
                });
        return taskInterface.cast(proxy);
    }

    private static MethodPlan plan(Class<?> taskInterface, Method method, Object implementation) {
        String where = "task method " + taskInterface.getSimpleName() + "." + method.getName();
        if (!TaskFuture.class.isAssignableFrom(method.getReturnType())) {
            throw invalid(where + " returns " + method.getReturnType().getSimpleName() + ".\nMaybe return TaskFuture<"
                    + method.getReturnType().getSimpleName() + "> (the implementation returns the plain value).");
        }
        Method target = null;
        for (Method candidate : implementation.getClass().getMethods()) {
            if (candidate.getName().equals(method.getName()) && candidate.getParameterCount() == method.getParameterCount()
                    && !TaskFuture.class.isAssignableFrom(candidate.getReturnType())) {
                target = candidate;
            }
        }
        if (target == null) {
            throw invalid(where + ": " + implementation.getClass().getName() + " has no public method " + method.getName()
                    + " with " + method.getParameterCount() + " parameter(s) returning a plain value.\nMaybe add it; task"
                    + " futures in the interface become plain values in the implementation.");
        }
        Parameter[] parameters = method.getParameters();
        ParameterPlan[] planned = new ParameterPlan[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            planned[i] = planParameter(where, parameters[i]);
        }
        Task task = method.getAnnotation(Task.class);
        return new MethodPlan(target, planned, task);
    }

    private static ParameterPlan planParameter(String where, Parameter parameter) {
        Param param = parameter.getAnnotation(Param.class);
        Class<?> type = parameter.getType();
        String name = parameter.getName();
        String here = where + ", parameter '" + name + "' (" + type.getSimpleName() + ")";
        if (TaskFuture.class.isAssignableFrom(type)) {
            if (param != null && param.value() != Direction.IN) {
                throw invalid(here + " is a task result, which is read-only, but is annotated " + param.value()
                        + ".\nMaybe pass a Data<T> handle for data the task writes.");
            }
            return new ParameterPlan(name, Passing.FUTURE, Direction.IN);
        }
        if (Data.class.isAssignableFrom(type)) {
            if (param == null) {
                throw invalid(here + ": the direction cannot be inferred, the runtime cannot tell whether the task reads"
                        + " or writes it.\nMaybe annotate it @Param(Direction.IN), @Param(Direction.INOUT),"
                        + " @Param(Direction.CONCURRENT) or @Param(Direction.COMMUTATIVE).");
            }
            if (param.value() == Direction.OUT) {
                throw invalid(here + " is OUT, but a Java method cannot hand a new object back through a parameter."
                        + "\nMaybe return the value instead, or use the builder API with ctx.set(data, value).");
            }
            return new ParameterPlan(name, Passing.DATA, param.value());
        }
        if (Path.class.isAssignableFrom(type)) {
            if (param == null || param.kind() == Param.Kind.OBJECT) {
                throw invalid(here + ": the direction cannot be inferred for a path, and it may be a plain string-like"
                        + " value or a file the task reads or writes.\nMaybe annotate it @Param(value = Direction.IN,"
                        + " kind = Param.Kind.FILE) (or OUT / INOUT, or kind = DIRECTORY).");
            }
            return new ParameterPlan(name, param.kind() == Param.Kind.FILE ? Passing.FILE : Passing.DIRECTORY, param.value());
        }
        if (param != null && param.value() != Direction.IN) {
            throw invalid(here + " is annotated " + param.value() + ", but plain values are passed by copy and the"
                    + " runtime cannot track writes to them.\nMaybe wrap it in runtime.data(name, value) and declare the"
                    + " parameter as Data<" + type.getSimpleName() + ">.");
        }
        return new ParameterPlan(name, Passing.CONSTANT, Direction.IN);
    }

    private static Object submit(DefaultTaskRuntime runtime, MethodPlan plan, Object implementation, Object[] args) {
        TaskBuilder builder = runtime.task(plan.target().getName());
        for (int i = 0; i < args.length; i++) {
            ParameterPlan parameter = plan.parameters()[i];
            switch (parameter.passing()) {
                case FUTURE, CONSTANT -> builder.in(args[i]);
                case DATA -> builder.param(parameter.direction(), (Data<?>) args[i]);
                case FILE -> builder.file(parameter.name(), parameter.direction(), (Path) args[i]);
                case DIRECTORY -> builder.directory(parameter.name(), parameter.direction(), (Path) args[i]);
                default -> throw new IllegalStateException("unknown passing " + parameter.passing());
            }
        }
        Task task = plan.task();
        if (task != null) {
            FailurePolicy policy = task.onFailure() == FailurePolicy.Kind.RETRY ? FailurePolicy.retry(task.retries())
                    : new FailurePolicy(task.onFailure(), 0, task.onFailure());
            builder.onFailure(policy);
            builder.constraints(new Constraints(task.cores(), task.memoryMb(), task.gpus(), null, Map.of()));
            if (task.priority()) {
                builder.priority();
            }
            if (task.timeoutMillis() > 0) {
                builder.timeout(Duration.ofMillis(task.timeoutMillis()));
            }
        }
        Object[] captured = args.clone();
        return builder.call(context -> invoke(plan, implementation, captured, context));
    }

    private static Object invoke(MethodPlan plan, Object implementation, Object[] args, TaskContext context) throws Exception {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            ParameterPlan parameter = plan.parameters()[i];
            values[i] = switch (parameter.passing()) {
                case FUTURE -> context.get((TaskFuture<?>) args[i]);
                case DATA -> context.get((Data<?>) args[i]);
                case FILE, DIRECTORY -> context.path((Path) args[i]);
                case CONSTANT -> args[i];
            };
        }
        try {
            return plan.target().invoke(implementation, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    private static TaskRuntimeException invalid(String message) {
        return new TaskRuntimeException(ErrorCode.INVALID_TASK, message);
    }
}
