package io.aisprint.deploy.internal;

import io.aisprint.deploy.DeployException;
import java.util.List;
import java.util.Map;

/**
 * The container image of a component or partition: the {@code image} of its container in the
 * deployment file, else the image {@code containers.yaml} lists for it (written by the container
 * recipes step, named {@code <component>_<partition>_<arch>}), for the architecture of the
 * resource it runs on.
 */
public final class ImageNames {
    private ImageNames() {
    }

    public static String resolve(DeploymentInputs inputs, DeploymentInputs.Placed placed) {
        Object image = placed.container().get("image");
        if (image != null && !String.valueOf(image).isBlank() && !"None".equals(image)) {
            return String.valueOf(image).trim();
        }
        String component = placed.component();
        String base = component;
        String partition = "base";
        int cut = component.indexOf("_partition");
        if (cut > 0) {
            base = component.substring(0, cut);
            partition = component.substring(cut + 1);
        }
        String architecture = architecture(placed);
        List<String> images = inputs.images(base);
        String wanted = base + "_" + partition + "_" + architecture;
        for (String candidate : images) {
            // registry images end in "/<name>:<tag>", ECR ones in ":<name>"
            if (candidate.contains("/" + wanted + ":") || candidate.endsWith(":" + wanted)) {
                return candidate;
            }
        }
        throw new DeployException(DeployException.Code.MISSING_IMAGE, placed.file(), placed.containerField() + ".image",
                "no container image for " + component + " (the field is empty and " + inputs.containersFile()
                        + " lists no image named " + wanted + ")\nMaybe run `aisprint deploy APP --target containers` "
                        + "and build the images, or set the image in the deployment file.");
    }

    private static String architecture(DeploymentInputs.Placed placed) {
        for (Object value : placed.layer().resources().values()) {
            if (value instanceof Map<?, ?> res && placed.resource().equals(String.valueOf(res.get("name")).trim())) {
                if (res.get("architecture") != null) {
                    return String.valueOf(res.get("architecture"));
                }
                if (res.get("processors") instanceof Map<?, ?> processors) {
                    for (Object processor : processors.values()) {
                        if (processor instanceof Map<?, ?> p && p.get("architecture") != null) {
                            return String.valueOf(p.get("architecture"));
                        }
                    }
                }
            }
        }
        return "amd64";
    }
}
