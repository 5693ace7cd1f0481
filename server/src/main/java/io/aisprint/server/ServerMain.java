package io.aisprint.server;

import java.nio.file.Path;

/**
 * A bare launcher ({@code java -cp ... io.aisprint.server.ServerMain DATA [PORT]}) that prints
 * {@code listening PORT} once it listens; the CLI's {@code aisprint serve} is the user-facing one.
 * Tests start it as a separate JVM to kill it hard and restart it.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config = ServerConfig.defaults(Path.of(args[0])).withPort(args.length > 1 ? Integer.parseInt(args[1]) : 0);
        ApiServer server = ApiServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("listening " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
