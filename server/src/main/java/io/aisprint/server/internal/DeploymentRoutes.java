package io.aisprint.server.internal;

import static io.javalin.http.HandlerType.GET;

import io.aisprint.server.Role;
import io.aisprint.server.internal.Api.Route;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * Deployment files as zips ({@code aisprint deploy}): TOSCA for the Infrastructure Manager, OSCAR
 * FDL, Kubernetes manifests or container recipes, for an application's base deployment or a
 * design's best placement.
 */
final class DeploymentRoutes {
    private static final String TARGETS = "tosca (im/<component>.yaml), fdl (oscar/fdl.yaml), k8s (k8s/<component>.yaml) "
            + "or containers (Dockerfiles and containers.yaml)";

    private DeploymentRoutes() {
    }

    static void add(Api api, DeploymentExports exports) {
        api.route(Route.of(GET, "/api/v1/applications/{id}/deployments/{target}", Role.VIEWER, "deployments",
                "The base deployment (first candidates, toscarizer --base) as a zip; target: " + TARGETS)
                .answers(200, "application/zip", "the generated files"), context -> send(context, context.pathParam("id"),
                        exports.base(context.pathParam("id"), context.pathParam("target"))));
        api.route(Route.of(GET, "/api/v1/designs/{id}/deployments/{target}", Role.VIEWER, "deployments",
                "The design's best placement deployed (toscarizer --optimal: its production_deployment.yaml) as a zip; target: " + TARGETS)
                .answers(200, "application/zip", "the generated files"), context -> send(context, context.pathParam("id"),
                        exports.optimal(context.pathParam("id"), context.pathParam("target"))));
    }

    private static void send(Context context, String id, Map<String, String> files) {
        String name = id + "-" + context.pathParam("target").toLowerCase(Locale.ROOT) + ".zip";
        context.header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Aisprint-Files", String.valueOf(files.size()))
                .contentType("application/zip").result(DeploymentExports.zip(files));
    }
}
