package io.aisprint.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * fabric8's model classes keep fields they do not know in {@code additionalProperties} instead of
 * failing; this walks a parsed object and lists every such field, so that a manifest can be
 * checked strictly against the Kubernetes API types.
 */
final class StrictModel {
    private StrictModel() {
    }

    static void collectUnknownFields(Object object, String path, List<String> unknown) {
        if (object == null || !object.getClass().getName().startsWith("io.fabric8.")) {
            if (object instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    collectUnknownFields(item, path + "[" + i++ + "]", unknown);
                }
            } else if (object instanceof Map<?, ?> map) {
                map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            }
            return;
        }
        for (Method method : object.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || !method.getName().startsWith("get")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(object);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
                continue;
            }
            collectUnknownFields(value, path + "." + method.getName().substring(3), unknown);
        }
    }
}
