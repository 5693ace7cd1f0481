package io.aisprint.deploy;

import io.aisprint.deploy.internal.AppLayout;
import io.aisprint.deploy.internal.Trees;
import io.aisprint.deploy.internal.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Container recipes, as {@code toscarizer docker} produces them (generated only: no Docker engine
 * runs here): per component and partition of {@code component_partitions.yaml} a build context
 * {@code <component>/<partition>/} with a Dockerfile and the OSCAR {@code script.sh} (plus a
 * Lambda variant for components that may run on a {@code NativeCloudFunction} layer), and
 * {@code containers.yaml} naming the image of every partition for every architecture its
 * candidate resources have ({@code <registry>/<folder>/<component>_<partition>_<arch>:latest},
 * or {@code <ecr>:<component>_<partition>_<arch>} for Lambda). Paths are relative to
 * {@code aisprint/designs}.
 */
public final class ContainerRecipes {
    /** Where images are pushed, and what they are built from. */
    public record Registry(String registry, String folder, String baseImage, String ecr) {
        public Registry {
            Objects.requireNonNull(registry, "registry");
            folder = folder == null ? "" : folder.replaceAll("^/+", "");
            baseImage = baseImage == null ? "registry.gitlab.polimi.it/ai-sprint/toscarizer/ai-sprint-base" : baseImage;
        }

        public static Registry defaults() {
            return new Registry("docker.io", "aisprint", null, null);
        }
    }

    /** Where one component (or partition) may run: the architectures of its candidate resources, and whether Lambda is among them. */
    private record Platforms(List<String> architectures, boolean lambda) {
    }

    private ContainerRecipes() {
    }

    public static Map<String, String> files(Path appDir, Registry registry) {
        Path partitionsFile = appDir.resolve(AppLayout.COMPONENT_PARTITIONS);
        String partitionsName = partitionsFile.toString();
        Map<String, Object> components = Trees.requireMap(Trees.map(YamlFiles.read(partitionsFile), partitionsName, ""),
                "components", partitionsName, "");
        Map<String, Platforms> platforms = platforms(appDir);
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, Object> images = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : components.entrySet()) {
            String component = entry.getKey();
            String field = "components." + component;
            List<Object> partitions = Trees.list(Trees.require(Trees.map(entry.getValue(), partitionsName, field),
                    "partitions", partitionsName, field), partitionsName, field + ".partitions");
            List<String> componentImages = new ArrayList<>();
            String env = environment(appDir, component);
            for (Object partitionValue : partitions) {
                String partition = String.valueOf(partitionValue);
                String name = partition.equals("base") ? component : component + "_" + partition;
                Platforms where = platforms.containsKey(name) ? platforms.get(name) : platforms.get(partitionX(name));
                if (where == null) {
                    throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, partitionsName, field + ".partitions",
                            "the partition " + name + " is not among the components of " + AppLayout.CANDIDATE_DEPLOYMENTS);
                }
                String context = component + "/" + partition + "/";
                files.put(context + "Dockerfile", dockerfile(registry.baseImage(), env, component));
                files.put(context + "script.sh", script(component));
                if (where.lambda()) {
                    files.put(context + "Dockerfile.aws", dockerfile(registry.baseImage(), env, component) + lambdaLayer());
                }
                for (String architecture : where.architectures()) {
                    String imageName = component + "_" + partition + "_" + architecture;
                    componentImages.add(registry.registry() + "/" + registry.folder() + "/" + imageName + ":latest");
                    if (where.lambda()) {
                        if (registry.ecr() == null) {
                            throw new DeployException(DeployException.Code.INVALID_FIELD, "", "--ecr",
                                    name + " may run on AWS Lambda, whose images live in ECR: the AWS ECR repository URL is not set");
                        }
                        componentImages.add(registry.ecr() + ":" + imageName);
                    }
                }
            }
            images.put(component, Trees.of("docker_images", componentImages));
        }
        if (Files.isDirectory(appDir.resolve("common_config/drift_detector"))) {
            images.put("drift-detector", Trees.of("docker_images", Trees.listOf(
                    registry.registry() + "/" + registry.folder() + "/drift-detector_main_amd64:latest")));
        }
        files.put("containers.yaml", YamlFiles.dump(Trees.of("components", images)));
        return files;
    }

    /** AI-SPRINT names partitions of a deployment family with an X ({@code c_partition1_2} → {@code c_partitionX_2}). */
    static String partitionX(String name) {
        int start = name.indexOf("_partition");
        if (start < 0) {
            return name;
        }
        int end = name.indexOf('_', start + 10);
        return end < 0 ? name : name.substring(0, start + 10) + "X" + name.substring(end);
    }

    private static Map<String, Platforms> platforms(Path appDir) {
        Path resourcesFile = appDir.resolve(AppLayout.CANDIDATE_RESOURCES);
        Path deploymentsFile = appDir.resolve(AppLayout.CANDIDATE_DEPLOYMENTS);
        Map<Integer, List<Map<?, ?>>> resourcesByLayer = new LinkedHashMap<>();
        Map<Integer, Boolean> lambdaLayers = new LinkedHashMap<>();
        Map<String, Object> system = Trees.map(YamlFiles.read(resourcesFile), resourcesFile.toString(), "");
        system = system.get("System") instanceof Map<?, ?> ? Trees.map(system.get("System"), "", "") : system;
        for (Object domain : Trees.requireMap(system, "NetworkDomains", resourcesFile.toString(), "System").values()) {
            if (domain instanceof Map<?, ?> d && d.get("ComputationalLayers") instanceof Map<?, ?> layers) {
                for (Object layer : layers.values()) {
                    if (layer instanceof Map<?, ?> l && l.get("number") instanceof Number number
                            && l.get("Resources") instanceof Map<?, ?> resources) {
                        List<Map<?, ?>> list = new ArrayList<>();
                        resources.values().forEach(r -> list.add((Map<?, ?>) r));
                        resourcesByLayer.put(number.intValue(), list);
                        lambdaLayers.put(number.intValue(), "NativeCloudFunction".equals(l.get("type")));
                    }
                }
            }
        }
        Map<String, Object> deployments = Trees.map(YamlFiles.read(deploymentsFile), deploymentsFile.toString(), "");
        deployments = deployments.get("System") instanceof Map<?, ?> ? Trees.map(deployments.get("System"), "", "") : deployments;
        Map<String, Platforms> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : Trees.requireMap(deployments, "Components", deploymentsFile.toString(), "").entrySet()) {
            Map<String, Object> component = Trees.map(entry.getValue(), deploymentsFile.toString(), "Components." + entry.getKey());
            Object layersValue = component.get("candidateExecutionLayers") != null
                    ? component.get("candidateExecutionLayers") : List.of(component.get("executionLayer"));
            List<String> architectures = new ArrayList<>();
            boolean lambda = false;
            for (Object layer : Trees.list(layersValue, deploymentsFile.toString(), "Components." + entry.getKey())) {
                int number = layer instanceof Number n ? n.intValue() : -1;
                lambda |= lambdaLayers.getOrDefault(number, false);
                for (Map<?, ?> resource : resourcesByLayer.getOrDefault(number, List.of())) {
                    String architecture = architecture(resource);
                    if (!architectures.contains(architecture)) {
                        architectures.add(architecture);
                    }
                }
            }
            result.put(String.valueOf(component.get("name")).trim(), new Platforms(architectures, lambda));
        }
        return result;
    }

    private static String architecture(Map<?, ?> resource) {
        Object architecture = resource.get("architecture");
        if (architecture == null && resource.get("processors") instanceof Map<?, ?> processors) {
            for (Object processor : processors.values()) {
                if (processor instanceof Map<?, ?> p && p.get("architecture") != null) {
                    architecture = p.get("architecture");
                }
            }
        }
        String text = String.valueOf(architecture);
        if (!text.equals("arm64") && !text.equals("amd64")) {
            throw new DeployException(DeployException.Code.INVALID_FIELD, AppLayout.CANDIDATE_RESOURCES,
                    "Resources." + resource.get("name") + ".architecture",
                    "invalid architecture '" + text + "' (expected arm64 or amd64)");
        }
        return text;
    }

    /** {@code ENV k=v} lines from {@code src/<component>/env.yaml}, when present. */
    private static String environment(Path appDir, String component) {
        Path file = appDir.resolve("src").resolve(component).resolve("env.yaml");
        if (!Files.isRegularFile(file)) {
            return "";
        }
        Object tree = YamlFiles.read(file);
        StringBuilder lines = new StringBuilder();
        if (tree instanceof Map<?, ?> map) {
            map.forEach((key, value) -> lines.append("ENV ").append(key).append('=').append(value).append('\n'));
        }
        return lines.toString();
    }

    private static String dockerfile(String baseImage, String env, String component) {
        String home = "/opt/" + component;
        return "FROM " + baseImage + "\n" + env
                + "WORKDIR " + home + "\n"
                + "# system packages first (requirements.sys), then Python ones, so code changes reuse both layers\n"
                + "COPY requirements.* " + home + "/\n"
                + "RUN touch requirements.sys requirements.txt \\\n"
                + " && apt-get update && xargs -r apt-get install -y --no-install-recommends < requirements.sys \\\n"
                + " && apt-get clean && rm -rf /var/lib/apt/lists/*\n"
                + "RUN pip install --no-cache-dir -r requirements.txt\n"
                + "COPY . " + home + "/\n"
                + "RUN chmod +x " + home + "/script.sh\n";
    }

    /** The Lambda variant runs the same script under the supervisor, with a local Telegraf for the metrics. */
    private static String lambdaLayer() {
        return "# AWS Lambda (SCAR): metrics go to a Telegraf in the same container\n"
                + "ENV MONIT_HOST=localhost MONIT_PORT=8094\n"
                + "CMD [\"/bin/sh\", \"/opt/start.sh\"]\n";
    }

    /**
     * The OSCAR entry point: the faas-supervisor gives the input file and the output folder; the
     * output keeps the {@code aisprint-<uuid>} name of the request so later stages can follow it.
     */
    private static String script(String component) {
        return "#!/bin/sh\n"
                + "NAME=\"$(basename \"$INPUT_FILE_PATH\" | cut -f 1 -d '.')\"\n"
                + "case \"$NAME\" in\n"
                + "  aisprint-*) UUID=\"$(echo \"$NAME\" | cut -c 10-45)\" ;;\n"
                + "  *) UUID=\"$(cat /proc/sys/kernel/random/uuid)\" ;;\n"
                + "esac\n"
                + "OUTPUT_FILE=\"$TMP_OUTPUT_DIR/aisprint-$UUID\"\n"
                + "echo \"SCRIPT: processing '$INPUT_FILE_PATH' into '$OUTPUT_FILE' (request $UUID)\"\n"
                + "cd /opt/" + component + "/ && UUID=\"$UUID\" exec python main.py -i \"$INPUT_FILE_PATH\" -o \"$OUTPUT_FILE\"\n";
    }
}
