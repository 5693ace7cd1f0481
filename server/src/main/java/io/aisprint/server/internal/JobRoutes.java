package io.aisprint.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aisprint.platform.ReportWriter;
import io.aisprint.server.Role;
import io.aisprint.server.internal.Api.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** {@code /api/v1/designs} and {@code /api/v1/runs}: status, results, the live event stream, stop, report downloads. */
final class JobRoutes {
    private JobRoutes() {
    }

    static void add(Api api, DesignJobs designs, RunJobs runs) {
        api.route(Route.of(GET, "/api/v1/designs", Role.VIEWER, "designs", "Every design job"), context -> {
            ArrayNode list = Json.MAPPER.createArrayNode();
            designs.list(null).forEach(row -> list.add(designs.view(row)));
            context.json(list);
        });
        api.route(Route.of(GET, "/api/v1/designs/{id}", Role.VIEWER, "designs",
                "A design job: {status: queued|running|done|failed|interrupted, progress, result (as aisprint design --json)}"),
                context -> context.json(designs.view(designs.get(context.pathParam("id")))));
        api.route(Route.of(GET, "/api/v1/designs/{id}/solution", Role.VIEWER, "designs",
                "The best placement as a SPACE4AI-D solution JSON (input of evaluations)"), context -> {
                    String id = context.pathParam("id");
                    designs.get(id);
                    context.contentType("application/json").result(designs.solution(id));
                });
        api.route(Route.of(GET, "/api/v1/designs/{id}/max-load", Role.VIEWER, "designs",
                "The maximum sustainable λ of the design's best placement (?semantics=cpp|python)"),
                context -> context.json(designs.maximumLoad(context.pathParam("id"), context.queryParam("semantics"))));

        api.route(Route.of(GET, "/api/v1/runs", Role.VIEWER, "runs", "Every run"), context -> {
            ArrayNode list = Json.MAPPER.createArrayNode();
            runs.list(null).forEach(row -> list.add(runs.view(row)));
            context.json(list);
        });
        api.route(Route.of(GET, "/api/v1/runs/{id}", Role.VIEWER, "runs",
                "A run: status (queued|running|done|failed|stopped|interrupted), the latest live view while it runs, the summary when done"),
                context -> context.json(runs.view(runs.get(context.pathParam("id")))));
        api.route(Route.of(DELETE, "/api/v1/runs/{id}", Role.OPERATOR, "runs", "Stop a queued or running run (at its next tick)")
                .answers(202, "application/json", "stopping"), context -> {
                    StateStore.RunRow row = runs.stop(context.pathParam("id"));
                    context.status(202).json(Json.object().put("id", row.id()).put("status", "stopping"));
                });
        api.route(Route.of(GET, "/api/v1/runs/{id}/events", Role.VIEWER, "runs",
                "Server-Sent Events of the live view: started, tick (per component/path p50/p95/mean vs limits, load, cost, "
                        + "utilisation), replacement, replan, end").answers(200, "text/event-stream", "the event stream"),
                context -> stream(context, runs.events(context.pathParam("id"))));
        api.route(Route.of(GET, "/api/v1/runs/{id}/report", Role.VIEWER, "runs", "The run's report.html")
                .answers(200, "text/html", "the report"), context -> context.contentType("text/html; charset=utf-8")
                        // The page holds names from the upload: it runs with no scripts and no access to this origin.
                        .header("Content-Security-Policy", "sandbox")
                        .result(Files.readAllBytes(runs.report(context.pathParam("id"), ReportWriter.REPORT))));
        api.route(Route.of(GET, "/api/v1/runs/{id}/summary", Role.VIEWER, "runs", "The run's summary.json"), context -> context
                .header("Content-Disposition", "attachment; filename=\"summary.json\"").contentType("application/json")
                .result(Files.readAllBytes(runs.report(context.pathParam("id"), ReportWriter.SUMMARY))));
    }

    /** Writes the frames as they come until the run ends or the client goes away; a comment every 15 s keeps proxies open. */
    private static void stream(io.javalin.http.Context context, RunEvents events) throws IOException, InterruptedException {
        context.res().setContentType("text/event-stream");
        context.res().setCharacterEncoding("UTF-8");
        context.res().setHeader("Cache-Control", "no-cache");
        context.res().setHeader("X-Accel-Buffering", "no");
        context.res().setStatus(200);
        OutputStream out = context.res().getOutputStream();
        out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        int next = 0;
        while (true) {
            List<RunEvents.Frame> frames = events.after(next, 15_000);
            if (frames.isEmpty()) {
                if (events.closed()) {
                    return;
                }
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            }
            for (RunEvents.Frame frame : frames) {
                out.write(frame.text().getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            next += frames.size();
        }
    }
}
