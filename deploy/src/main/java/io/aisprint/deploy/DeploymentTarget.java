package io.aisprint.deploy;

import java.util.Locale;

/** What {@code aisprint deploy --target} generates. */
public enum DeploymentTarget {
    /** One TOSCA document per component for the Infrastructure Manager: {@code im/<component>.yaml}. */
    TOSCA,
    /** The OSCAR Functions Definition Language file: {@code oscar/fdl.yaml}. */
    FDL,
    /** Kubernetes manifests per partition: {@code k8s/<component>.yaml}. */
    K8S,
    /** Dockerfiles and build contexts per partition, and {@code containers.yaml}: {@code containers/…}. */
    CONTAINERS;

    public static DeploymentTarget parse(String text) {
        for (DeploymentTarget target : values()) {
            if (target.name().equalsIgnoreCase(text)) {
                return target;
            }
        }
        throw new DeployException(DeployException.Code.INVALID_FIELD, "", "--target",
                "unknown target '" + text + "' (expected tosca, fdl, k8s or containers)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
