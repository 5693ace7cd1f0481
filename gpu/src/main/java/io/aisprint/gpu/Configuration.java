package io.aisprint.gpu;

/**
 * How a job runs: on {@code gpus} GPUs of one type, or on a {@code fraction} of one GPU when
 * GPUs are shared (then {@code gpus} is 1 and the fraction is below 1).
 */
public record Configuration(String gpuType, int gpus, double fraction) implements Comparable<Configuration> {

    public Configuration {
        if (gpuType == null || gpuType.isBlank()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "A configuration needs a GPU type.");
        }
        if (gpus < 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT,
                "Configuration on " + gpuType + " has gpus=" + gpus + "; expected at least 1.");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new GpuException(ErrorCode.INVALID_INPUT,
                "Configuration on " + gpuType + " has fraction=" + fraction + "; expected 0 < fraction <= 1.");
        }
        if (fraction < 1 && gpus != 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT,
                "A shared-GPU configuration uses a fraction of one GPU, not " + gpus + " GPUs.");
        }
    }

    public static Configuration of(String gpuType, int gpus) {
        return new Configuration(gpuType, gpus, 1.0);
    }

    public static Configuration shared(String gpuType, double fraction) {
        return new Configuration(gpuType, 1, fraction);
    }

    public boolean isShared() {
        return fraction < 1;
    }

    /** GPU capacity this configuration takes: whole GPUs, or the fraction of one. */
    public double gpuShare() {
        return gpus * fraction;
    }

    @Override
    public int compareTo(Configuration other) {
        int byType = gpuType.compareTo(other.gpuType);
        if (byType != 0) {
            return byType;
        }
        int byCount = Integer.compare(gpus, other.gpus);
        return byCount != 0 ? byCount : Double.compare(fraction, other.fraction);
    }

    @Override
    public String toString() {
        return isShared() ? gpuType + "x" + fraction : gpuType + "x" + gpus;
    }
}
