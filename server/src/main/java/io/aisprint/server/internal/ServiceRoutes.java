package io.aisprint.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.aisprint.server.Role;
import io.aisprint.server.internal.Api.Route;

/** The GPU scheduler ({@code /api/v1/gpu}) and the monitor ({@code /api/v1/monitor}) mounted under the API. */
final class ServiceRoutes {
    private ServiceRoutes() {
    }

    static void add(Api api, GpuJobs gpu, MonitorMount monitor) {
        api.json(Route.of(POST, "/api/v1/gpu/optimizer", Role.OPERATOR, "gpu",
                "The reference GPU optimizer service: jobs, nodes and costs in, the schedule and its cost out (as POST /optimizer/v5)"),
                (context, body) -> context.json(gpu.optimize(body)));
        api.json(Route.of(POST, "/api/v1/gpu/jobs", Role.OPERATOR, "gpu", "Submit a training job to the live GPU cluster")
                .body(GpuJobs.JOB).answers(201, "application/json", "the job's state"),
                (context, body) -> context.status(201).json(gpu.submit(body)));
        api.route(Route.of(GET, "/api/v1/gpu/jobs", Role.VIEWER, "gpu",
                "Every GPU job with its state, and the Gantt bars (job, node, GPUs, start, end)"), context -> context.json(gpu.list()));
        api.route(Route.of(GET, "/api/v1/gpu/jobs/{id}", Role.VIEWER, "gpu", "One GPU job: waiting, profiling, running (where, progress), finished, failed or cancelled"),
                context -> context.json(gpu.job(context.pathParam("id"))));
        api.route(Route.of(DELETE, "/api/v1/gpu/jobs/{id}", Role.OPERATOR, "gpu", "Cancel a GPU job (a running one checkpoints and stops)")
                .answers(202, "application/json", "the job's state"), context -> context.status(202).json(gpu.cancel(context.pathParam("id"))));

        api.route(Route.of(POST, "/api/v1/monitor/write", Role.OPERATOR, "monitor",
                "Write metrics in InfluxDB line protocol (?db=NAME&precision=ns|u|ms|s|m|h), as the monitor's /write")
                .binary("text/plain").answers(204, null, "every line stored"), context -> monitor.forward(context, "/write"));
        api.route(Route.of(GET, "/api/v1/monitor/query", Role.VIEWER, "monitor",
                "Query series (?measurement=&field=&tag=K=V&from=&to=&aggregate=&window=&groupBy=), as the monitor's /api/v1/query"),
                context -> monitor.forward(context, "/api/v1/query"));
        api.route(Route.of(GET, "/api/v1/monitor/influxql", Role.VIEWER, "monitor",
                "InfluxQL subset (?q=SELECT ...), answered in InfluxDB's JSON shape, as the monitor's /query"),
                context -> monitor.forward(context, "/query"));
    }
}
