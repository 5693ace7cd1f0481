package io.aisprint.server.internal;

import io.aisprint.server.ServerConfig;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the server from its parts: database, services, routes, dashboard; and takes it down in reverse. */
public final class ServerWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerWiring.class);
    /** Where the Vite build puts the dashboard inside the jar. */
    static final String DASHBOARD = "/dashboard";

    private final List<AutoCloseable> parts = new ArrayList<>();
    private final Javalin app;
    private final int interrupted;
    private final boolean noTokens;
    private final boolean dashboard;

    public ServerWiring(ServerConfig config, Clock clock) {
        Database database = Database.open(config.dataDirectory(), config.jdbcUrl());
        parts.add(database);
        try {
            StateStore store = new StateStore(database);
            interrupted = store.interruptUnfinished(clock.millis());
            TokenStore tokens = new TokenStore(database);
            noTokens = tokens.isEmpty();
            ApplicationService applications = new ApplicationService(store, config.dataDirectory(), config.maxUploadBytes(), clock);
            DesignJobs designs = new DesignJobs(store, applications, clock);
            parts.add(designs);
            RunJobs runs = new RunJobs(store, applications, config.dataDirectory(), config.concurrentRuns(), clock);
            parts.add(runs);
            GpuJobs gpu = new GpuJobs(config.gpuCluster(), config.dataDirectory().resolve("gpu"));
            parts.add(gpu);
            MonitorMount monitor = new MonitorMount(config.dataDirectory(), config.maxUploadBytes());
            parts.add(monitor);
            dashboard = ServerWiring.class.getResource(DASHBOARD + "/index.html") != null;
            app = Javalin.create(javalin -> {
                javalin.showJavalinBanner = false;
                javalin.startupWatcherEnabled = false;
                javalin.http.maxRequestSize = config.maxUploadBytes();
                javalin.jetty.defaultHost = config.host();
                if (dashboard) {
                    javalin.staticFiles.add(files -> {
                        files.hostedPath = "/";
                        files.directory = DASHBOARD;
                        files.location = Location.CLASSPATH;
                    });
                }
                if (!config.corsOrigins().isEmpty()) {
                    javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                        config.corsOrigins().forEach(rule::allowHost);
                        rule.exposeHeader("Location");
                    }));
                }
            });
            ErrorBodies.install(app);
            app.before(context -> {
                context.header("X-Content-Type-Options", "nosniff");
                context.header("X-Frame-Options", "DENY");
                context.header("Referrer-Policy", "no-referrer");
            });
            Api api = new Api(app, new Auth(tokens));
            AdminRoutes.add(api, tokens, clock);
            ApplicationRoutes.add(api, applications, designs, runs, config.maxUploadBytes());
            JobRoutes.add(api, designs, runs);
            DeploymentRoutes.add(api, new DeploymentExports(applications, designs, config.dataDirectory()));
            ServiceRoutes.add(api, gpu, monitor);
            String version = String.valueOf(ServerWiring.class.getPackage().getImplementationVersion());
            String[] openApi = new String[1];
            api.route(Api.Route.of(io.javalin.http.HandlerType.GET, "/api/openapi.json", null, "server", "This OpenAPI 3 document"),
                    context -> context.contentType("application/json").result(openApi[0]));
            openApi[0] = Json.write(api.openApi(version));
            if (!dashboard) {
                app.get("/", context -> context.html("<!doctype html><title>aisprint</title><p>The aisprint API is at /api/v1 "
                        + "(see <a href=\"/api/openapi.json\">/api/openapi.json</a>). The dashboard was not built into this jar: "
                        + "build with npm on the PATH."));
            }
            app.start(config.host(), config.port());
            parts.add(app::stop);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** Designs and runs that were in progress when the server last stopped, now marked interrupted. */
    public int interrupted() {
        return interrupted;
    }

    public boolean noTokens() {
        return noTokens;
    }

    public boolean dashboard() {
        return dashboard;
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", parts.get(i), e.toString());
            }
        }
        parts.clear();
    }
}
