package io.aisprint.cluster;

import java.util.List;

/**
 * JVM flags every process running an Ignite 2.17 node on Java 17 needs. Without the
 * {@code --add-opens} list Ignite fails at start with {@code InaccessibleObjectException}; the
 * same list is in the module's Surefire argLine, the {@code ./aisprint} launcher and the docs.
 */
public final class JvmFlags {
    public static final List<String> IGNITE_ADD_OPENS = List.of(
            "--add-opens=java.base/jdk.internal.access=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.management/com.sun.jmx.mbeanserver=ALL-UNNAMED",
            "--add-opens=jdk.internal.jvmstat/sun.jvmstat.monitor=ALL-UNNAMED",
            "--add-opens=java.base/sun.reflect.generics.reflectiveObjects=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.math=ALL-UNNAMED",
            "--add-opens=java.sql/java.sql=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.management/sun.management=ALL-UNNAMED",
            "--add-opens=java.desktop/java.awt.font=ALL-UNNAMED");

    /** System properties that keep Ignite quiet: no banner, no update check, its log through SLF4J (IGNITE_QUIET=false sends it to the logger instead of stdout). */
    public static final List<String> IGNITE_QUIET = List.of(
            "-DIGNITE_NO_ASCII=true", "-DIGNITE_UPDATE_NOTIFIER=false", "-DIGNITE_QUIET=false",
            "-Djava.net.preferIPv4Stack=true");

    private JvmFlags() {
    }

    /** Whether this JVM was started with the flags (checked before starting a node, for a clear error). */
    public static boolean presentInThisJvm() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.contains("java.base/java.nio=ALL-UNNAMED"));
    }
}
