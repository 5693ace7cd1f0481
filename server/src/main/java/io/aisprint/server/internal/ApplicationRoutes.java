package io.aisprint.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.Component;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Dag;
import io.aisprint.model.Deployment;
import io.aisprint.model.NetworkDomain;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.Role;
import io.aisprint.server.ServerException;
import io.aisprint.server.internal.Api.Route;
import java.util.Locale;

/** {@code /api/v1/applications}: upload, list, get (with the DAG and the continuum), validate, delete; designs and runs of one. */
final class ApplicationRoutes {
    private static final String TAG = "applications";

    private ApplicationRoutes() {
    }

    static void add(Api api, ApplicationService applications, DesignJobs designs, RunJobs runs, long maxUploadBytes) {
        api.route(Route.of(POST, "/api/v1/applications", Role.OPERATOR, TAG,
                "Upload an application: a zip, tar or tar.gz of an AI-SPRINT application folder, or a SPACE4AI-D system JSON")
                .binary("application/zip", "application/x-tar", "application/gzip").answers(201, "application/json",
                        "stored: {id, name, valid}; see /validation for the problems of an invalid one"), context -> {
                            StateStore.ApplicationRow row = applications.upload(Api.limitedStream(context, maxUploadBytes),
                                    context.contentType());
                            context.status(201).header("Location", "/api/v1/applications/" + row.id()).json(summary(row));
                        });
        api.route(Route.of(GET, "/api/v1/applications", Role.VIEWER, TAG, "List applications"), context -> {
            ArrayNode list = Json.MAPPER.createArrayNode();
            applications.list().forEach(row -> list.add(summary(row)));
            context.json(list);
        });
        api.route(Route.of(GET, "/api/v1/applications/{id}", Role.VIEWER, TAG,
                "One application: its DAG, components, QoS limits and continuum (layers, resources, network domains)"), context -> {
                    StateStore.ApplicationRow row = applications.get(context.pathParam("id"));
                    ObjectNode node = summary(row);
                    if (row.valid()) {
                        describe(node, applications.system(row.id()));
                    }
                    context.json(node);
                });
        api.route(Route.of(GET, "/api/v1/applications/{id}/validation", Role.VIEWER, TAG,
                "The validator's full report: {valid, summary, problems[{file, location, message}]}"),
                context -> context.json(applications.validation(context.pathParam("id"))));
        api.route(Route.of(DELETE, "/api/v1/applications/{id}", Role.OPERATOR, TAG,
                "Delete an application with its designs and runs (refused while one is in progress)").answers(204, null, "deleted"),
                context -> {
                    String id = context.pathParam("id");
                    applications.get(id);
                    if (designs.busy(id) || runs.busy(id)) {
                        throw new ServerException(ErrorCode.CONFLICT, "application " + id + " has a design or run in progress", "path: id",
                                "Maybe stop its runs (DELETE /api/v1/runs/{id}) or wait for its designs.");
                    }
                    applications.delete(id);
                    context.status(204);
                });
        api.json(Route.of(POST, "/api/v1/applications/{id}/designs", Role.OPERATOR, TAG,
                "Start a design (SPACE4AI-D) in the background").body(DesignJobs.REQUEST).answers(202, "application/json",
                        "accepted: {id, status}; follow GET /api/v1/designs/{id}"), (context, body) -> {
                            StateStore.DesignRow row = designs.start(context.pathParam("id"), body);
                            context.status(202).header("Location", "/api/v1/designs/" + row.id())
                                    .json(Json.object().put("id", row.id()).put("status", row.status()));
                        });
        api.route(Route.of(GET, "/api/v1/applications/{id}/designs", Role.VIEWER, TAG, "The designs of one application"), context -> {
            applications.get(context.pathParam("id"));
            ArrayNode list = Json.MAPPER.createArrayNode();
            designs.list(context.pathParam("id")).forEach(row -> list.add(designs.view(row)));
            context.json(list);
        });
        api.json(Route.of(POST, "/api/v1/applications/{id}/evaluations", Role.OPERATOR, TAG,
                "Evaluate a given placement (SPACE4AI-D solution): exact response times, rules and cost").body(DesignJobs.EVALUATION),
                (context, body) -> context.json(designs.evaluate(context.pathParam("id"), body)));
        api.json(Route.of(POST, "/api/v1/applications/{id}/runs", Role.OPERATOR, TAG,
                "Start a run on the embedded continuum: design, run under a workload, watch QoS, re-place").body(RunJobs.REQUEST)
                .answers(202, "application/json", "accepted: {id, status}; follow GET /api/v1/runs/{id} and /events"),
                (context, body) -> {
                    StateStore.RunRow row = runs.start(context.pathParam("id"), body);
                    context.status(202).header("Location", "/api/v1/runs/" + row.id())
                            .json(Json.object().put("id", row.id()).put("status", row.status()));
                });
        api.route(Route.of(GET, "/api/v1/applications/{id}/runs", Role.VIEWER, TAG, "The runs of one application"), context -> {
            applications.get(context.pathParam("id"));
            ArrayNode list = Json.MAPPER.createArrayNode();
            runs.list(context.pathParam("id")).forEach(row -> list.add(runs.view(row)));
            context.json(list);
        });
    }

    static ObjectNode summary(StateStore.ApplicationRow row) {
        return Json.object().put("id", row.id()).put("name", row.name()).put("source", row.source()).put("valid", row.valid())
                .put("created_ms", row.createdMs());
    }

    /** The DAG and the continuum, for drawing. */
    private static void describe(ObjectNode node, SystemDescription system) {
        node.put("lambda", system.application().lambda());
        ArrayNode components = node.putArray("components");
        for (Component component : system.application().components()) {
            ObjectNode c = components.addObject().put("name", component.name());
            ArrayNode deployments = c.putArray("deployments");
            for (Deployment deployment : component.deployments()) {
                ArrayNode partitions = deployments.addObject().put("name", deployment.name()).putArray("partitions");
                deployment.partitions().forEach(p -> partitions.add(p.name()));
            }
        }
        ArrayNode edges = node.putArray("edges");
        for (Dag.Edge edge : system.application().dag().edges()) {
            edges.addObject().put("from", edge.from()).put("to", edge.to()).put("probability", edge.probability());
        }
        ArrayNode local = node.putArray("local_constraints");
        system.application().localConstraints().forEach(c -> local.addObject().put("component", c.component())
                .put("max_response_time", c.maxResponseTime()));
        ArrayNode global = node.putArray("global_constraints");
        system.application().globalConstraints().forEach(c -> {
            ObjectNode g = global.addObject().put("name", c.name()).put("max_response_time", c.maxResponseTime());
            ArrayNode names = g.putArray("components");
            c.components().forEach(names::add);
        });
        ArrayNode layers = node.putObject("continuum").putArray("layers");
        for (ComputationalLayer layer : system.continuum().layers()) {
            ObjectNode l = layers.addObject().put("name", layer.name()).put("kind", layer.kind().name().toLowerCase(Locale.ROOT));
            ArrayNode resources = l.putArray("resources");
            for (Resource resource : layer.resources()) {
                resources.addObject().put("name", resource.name()).put("cost", resource.cost()).put("memory", resource.memory())
                        .put("description", resource.description());
            }
        }
        ArrayNode domains = ((ObjectNode) node.get("continuum")).putArray("network_domains");
        for (NetworkDomain domain : system.continuum().networkDomains()) {
            ObjectNode d = domains.addObject().put("name", domain.name()).put("access_delay", domain.accessDelay())
                    .put("bandwidth", domain.bandwidth());
            ArrayNode names = d.putArray("layers");
            domain.layers().forEach(names::add);
        }
    }
}
