package io.aisprint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aisprint} command. Each capability registers one sub-command here; every
 * sub-command turns its module's user-facing error into a message and an exit code.
 */
@Command(
    name = "aisprint",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = VersionProvider.class,
    subcommands = {
        HelpCommand.class,
        ValidateCommand.class,
        PlacementDesignCommand.class,
        PlacementEvaluateCommand.class,
        MonitorCommand.class,
        GpuCommand.class,
        WorkerCommand.class,
        RunCommand.class,
        ProfileCommand.class,
        RuntimeCommand.class,
        NetCommand.class,
        IotCommand.class,
        TrustCommand.class,
        DeployCommand.class,
        LearnCommand.class,
        PerfCommand.class,
        ServeCommand.class,
    },
    description = {
        "Design, place, run, watch and re-place AI applications across the edge-cloud continuum.",
        "",
        "Three nouns carry everything:",
        "  Application  a DAG of components; each component has candidate deployments, each a",
        "               chain of DNN partitions; QoS limits on one component (local) or a path",
        "               of components (global).",
        "  Continuum    computational layers of candidate resources: edge devices, cloud VM",
        "               types and FaaS configurations, joined by network domains.",
        "  Placement    the chosen deployment of every component, the resource of every",
        "               partition and the instance count of every resource, with predicted",
        "               response times and cost.",
        "",
        "Inputs are an AI-SPRINT application directory (common_config/*.yaml) or a",
        "SPACE4AI-D system description JSON.",
        "",
    },
    footer = {
        "",
        "Exit codes: 0 success, 1 the input is invalid or infeasible, 2 unreadable input or usage error.",
        "Run 'aisprint help COMMAND' for the options of one command.",
    })
public final class AisprintCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
