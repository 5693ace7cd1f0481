package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisprint.deploy.ContainerRecipes;
import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.DeploymentGenerator;
import io.aisprint.deploy.DeploymentTarget;
import io.aisprint.deploy.SecretSource;
import io.aisprint.deploy.ToscaOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint deploy APP --target tosca|fdl|k8s|containers}: the files that take a placement to real infrastructure. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
        "Generate what deploys an AI-SPRINT application on real infrastructure, as toscarizer does:",
        "  tosca       one TOSCA file per component for the Infrastructure Manager (DIR/im/<component>.yaml)",
        "  fdl         the OSCAR Functions Definition Language file (DIR/oscar/fdl.yaml)",
        "  k8s         Kubernetes manifests per component (DIR/k8s/<component>.yaml)",
        "  containers  Dockerfile + build context per partition and containers.yaml (aisprint/designs/)",
        "",
        "--base uses the first candidates of common_config/candidate_deployments.yaml; --optimal the",
        "designer's aisprint/deployments/optimal_deployment/production_deployment.yaml. DIR defaults to",
        "that deployment's folder. Everything is generated before anything is written, and files are",
        "moved into DIR only once complete.",
    },
    footer = {
        "",
        "Examples:",
        "  aisprint deploy app_demo --target tosca --base --elastic 5 --im-auth auth.dat",
        "  aisprint deploy app_demo --target fdl --optimal --out /tmp/fdl",
        "  aisprint deploy app_demo --target containers --registry docker.io --registry-folder me",
        "",
        "Exit codes: 0 written, 1 invalid or refused application, 2 unreadable input or usage error.",
    })
public final class DeployCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "APP", description = "AI-SPRINT application directory")
    Path app;

    @Option(names = "--target", paramLabel = "T", defaultValue = "tosca", description = "tosca, fdl, k8s or containers (default: ${DEFAULT-VALUE})")
    String target;

    @CommandLine.ArgGroup(exclusive = true)
    Which which;

    static final class Which {
        @Option(names = "--base", description = "the base deployment (default)")
        boolean base;
        @Option(names = "--optimal", description = "the designer's optimal deployment")
        boolean optimal;
    }

    @Option(names = "--elastic", paramLabel = "N", defaultValue = "0",
            description = "let CLUES grow each IM-built cluster up to N worker nodes (needs the IM auth file)")
    int elastic;

    @Option(names = "--im-auth", paramLabel = "FILE", description = "IM auth file (default: APP/im/auth.dat)")
    Path imAuth;

    @Option(names = "--domain", paramLabel = "D", description = "DNS domain of the clusters (default: im.grycap.net)")
    String domain;

    @Option(names = "--influxdb-url", paramLabel = "U", description = "top-level InfluxDB (default: " + ToscaOptions.DEFAULT_INFLUX_URL + ")")
    String influxUrl;

    @Option(names = "--influxdb-token", paramLabel = "T", description = "its API token")
    String influxToken;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: the deployment folder)")
    Path out;

    @Option(names = "--fixed-secrets", description = "passwords and cluster names fixed1, fixed2, … instead of random (tests, reviews)")
    boolean fixedSecrets;

    @Option(names = "--registry", paramLabel = "R", defaultValue = "docker.io", description = "containers: image registry (default: ${DEFAULT-VALUE})")
    String registry;

    @Option(names = "--registry-folder", paramLabel = "F", defaultValue = "aisprint", description = "containers: folder in the registry")
    String registryFolder;

    @Option(names = "--base-image", paramLabel = "I", description = "containers: image the recipes build on")
    String baseImage;

    @Option(names = "--ecr", paramLabel = "URL", description = "containers: AWS ECR repository for Lambda images")
    String ecr;

    @Option(names = "--json", description = "print {\"target\", \"folder\", \"files\"} (or {\"error\"}) as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        DeploymentTarget chosen;
        try {
            chosen = DeploymentTarget.parse(target);
        } catch (DeployException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.USAGE);
        }
        try {
            if (elastic < 0) {
                throw new UserFacingException("--elastic must be 0 or a number of worker nodes, got " + elastic, ExitCodes.USAGE);
            }
            boolean optimal = which != null && which.optimal;
            ToscaOptions options = new ToscaOptions(optimal, 0, domain, influxUrl, influxToken, null);
            if (elastic > 0) {
                options = options.withElastic(elastic, ToscaOptions.readAuthFile(imAuth != null ? imAuth : app.resolve("im/auth.dat")));
            }
            SecretSource secrets = fixedSecrets ? SecretSource.numbered() : SecretSource.secure();
            Path folder = out != null ? out : DeploymentGenerator.defaultFolder(app, chosen, options);
            List<Path> written = DeploymentGenerator.write(app, chosen, options, secrets,
                    new ContainerRecipes.Registry(registry, registryFolder, baseImage, ecr), folder);
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("target", chosen.label());
                document.put("folder", folder.toString());
                document.put("files", written.stream().map(Path::toString).toList());
                stdout.println(mapper().writeValueAsString(document));
            } else {
                stdout.println(chosen.label() + ": " + written.size() + (written.size() == 1 ? " file" : " files") + " in " + folder);
                written.forEach(file -> stdout.println("  " + folder.toAbsolutePath().relativize(file)));
            }
            return ExitCodes.OK;
        } catch (DeployException e) {
            int code = e.code().unreadable() ? ExitCodes.USAGE : ExitCodes.INVALID;
            if (json) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("code", e.code().name());
                error.put("file", e.file());
                error.put("field", e.field());
                error.put("message", e.getMessage());
                stdout.println(mapper().writeValueAsString(Map.of("error", error)));
                return code;
            }
            throw new UserFacingException(e.getMessage(), code);
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
