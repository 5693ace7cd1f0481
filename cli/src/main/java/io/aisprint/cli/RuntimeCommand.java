package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import io.aisprint.runtime.examples.TileBlurWorkflow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aisprint runtime}: the task runtime's commands. */
@Command(
    name = "runtime",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "The task runtime: tasks run asynchronously on a pool of nodes, ordered by the data they share.",
        "See docs/runtime.md to write your own workflow.",
    },
    subcommands = {RuntimeCommand.Demo.class})
public final class RuntimeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs a real workflow: image tiles blurred in parallel, then merged.",
            "",
            "The image is cut into tiles, every tile is blurred by its own task, and a merge task",
            "stitches them into a PNG. Without --input a test image is generated.",
            "",
            "Example:  aisprint runtime demo --tiles 8 --output blurred.png --trace trace.json",
            "Open the trace in https://ui.perfetto.dev to see the tasks on each worker.",
        },
        footer = {"", "Exit codes: 0 done, 1 invalid request or a task failed, 2 unreadable input or usage error."})
    static final class Demo implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--input", paramLabel = "IMAGE", description = "PNG/JPEG to blur (default: a generated test image).")
        Path input;

        @Option(names = "--output", paramLabel = "PNG", defaultValue = "blurred.png", description = "Where to write the result (default: ${DEFAULT-VALUE}).")
        Path output;

        @Option(names = "--tiles", defaultValue = "4", description = "Tiles per side; tiles² blur tasks (default: ${DEFAULT-VALUE}).")
        int tiles;

        @Option(names = "--radius", defaultValue = "3", description = "Blur radius in pixels (default: ${DEFAULT-VALUE}).")
        int radius;

        @Option(names = "--size", defaultValue = "512", description = "Side of the generated image in pixels (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--workers", description = "Cores of the local node (default: the machine's).")
        Integer workers;

        @Option(names = "--trace", paramLabel = "JSON", description = "Write a Chrome trace (Perfetto) of every task.")
        Path trace;

        @Option(names = "--metrics", description = "Also print task metrics in InfluxDB line protocol.")
        boolean metrics;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (input != null && !(Files.isRegularFile(input) && Files.isReadable(input))) {
                throw new UserFacingException("cannot read --input " + input + ": "
                    + (Files.isDirectory(input) ? "it is a folder, not an image file" : "no such readable file"), ExitCodes.USAGE);
            }
            if (Files.isDirectory(output)) {
                throw new UserFacingException("--output " + output + " is a folder; give the PNG file to write, e.g. "
                    + output.resolve("blurred.png"), ExitCodes.USAGE);
            }
            int cores = workers != null ? workers : Runtime.getRuntime().availableProcessors();
            if (cores < 1) {
                throw new UserFacingException("--workers is " + cores + " but must be at least 1", ExitCodes.USAGE);
            }
            System.setProperty("java.awt.headless", "true");
            try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("local", cores)).tracing(trace != null).build()) {
                TileBlurWorkflow.Result result = TileBlurWorkflow.run(runtime,
                        new TileBlurWorkflow.Request(input, output, tiles, radius, size));
                if (trace != null) {
                    runtime.writeChromeTrace(trace);
                }
                if (json) {
                    ObjectMapper mapper = new ObjectMapper();
                    ObjectNode node = mapper.createObjectNode();
                    node.put("output", result.output().toString());
                    node.put("width", result.width());
                    node.put("height", result.height());
                    node.put("tiles", result.tiles());
                    node.set("summary", mapper.valueToTree(result.summary()));
                    if (trace != null) {
                        node.put("trace", trace.toString());
                    }
                    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
                } else {
                    out.printf("blurred %dx%d image in %d tiles -> %s%n", result.width(), result.height(), result.tiles(), result.output());
                    out.println(result.summary().describe());
                    if (trace != null) {
                        out.println("trace: " + trace + " (open in https://ui.perfetto.dev)");
                    }
                }
                if (metrics) {
                    out.print(runtime.metricsLineProtocol(Map.of("workflow", "tile-blur")));
                }
            } catch (TaskRuntimeException e) {
                int code = e.code() == ErrorCode.DATA_IO ? ExitCodes.USAGE : ExitCodes.INVALID;
                throw new UserFacingException(e.getMessage() + (e.getCause() != null && e.getCause() != e
                        && !e.getMessage().contains(String.valueOf(e.getCause().getMessage())) ? " (" + e.getCause().getMessage() + ")" : ""), code);
            }
            return ExitCodes.OK;
        }
    }
}
