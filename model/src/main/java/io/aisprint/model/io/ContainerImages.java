package io.aisprint.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The container image of every component and partition an application directory names: the
 * {@code image} of the first container that has one in {@code common_config/candidate_deployments.yaml},
 * by component name. The production deployment carries them so that the deployment tools
 * (toscarizer, {@code aisprint deploy}) get real images instead of {@code image: null}.
 */
public final class ContainerImages {
    private ContainerImages() {
    }

    /** Images by component (or partition) name; empty when the path is not an application directory. */
    public static Map<String, String> read(Path applicationDirectory) {
        Path file = applicationDirectory.resolve("common_config/candidate_deployments.yaml");
        Map<String, String> images = new LinkedHashMap<>();
        if (!Files.isDirectory(applicationDirectory) || !Files.isRegularFile(file)) {
            return images;
        }
        JsonNode root = YamlDocument.read(file).root();
        JsonNode components = root.has("System") ? root.get("System").get("Components") : root.get("Components");
        if (components == null) {
            return images;
        }
        components.forEach(component -> {
            JsonNode containers = component.get("Containers");
            if (component.hasNonNull("name") && containers != null) {
                for (JsonNode container : containers) {
                    if (container.hasNonNull("image") && !container.get("image").asText().isBlank()) {
                        images.putIfAbsent(component.get("name").asText().trim(), container.get("image").asText().trim());
                        break;
                    }
                }
            }
        });
        return images;
    }

    /**
     * The image for a written component or partition name: the name itself, its deployment
     * family's {@code X} form ({@code c_partition1_2} is listed as {@code c_partitionX_2}), or null.
     */
    public static String lookup(Map<String, String> images, String name) {
        String image = images.get(name);
        if (image != null) {
            return image;
        }
        int start = name.indexOf("_partition");
        int end = start < 0 ? -1 : name.indexOf('_', start + 10);
        return end < 0 ? null : images.get(name.substring(0, start + 10) + "X" + name.substring(end));
    }
}
