package io.aisprint.gpu;

import io.aisprint.perf.aml.AmlException;
import io.aisprint.perf.aml.TrainedModel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seconds per epoch of configurations a job has not been profiled on, predicted by a model
 * trained with {@code aisprint perf train} on profiling data (issue 14, point 4). The model
 * reads, by name: {@code gpu_type} (the GPU type, a category), {@code gpus} (the GPU count) and
 * whatever numeric features the job carries ({@code batch_size}, ...). Measured epoch times are
 * never replaced; a GPU type the model never saw in training is not predicted (its one-hot
 * encoding would silently read as "none of the known types").
 */
public final class EpochTimeModel {
    /** The input names the scheduler gives the model besides the job's own features. */
    public static final String GPU_TYPE = "gpu_type";
    public static final String GPUS = "gpus";

    private final Path file;
    private final TrainedModel model;

    private EpochTimeModel(Path file, TrainedModel model) {
        this.file = file;
        this.model = model;
    }

    public static EpochTimeModel read(Path file) {
        try {
            return new EpochTimeModel(file, TrainedModel.read(file));
        } catch (AmlException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Cannot read the epoch-time model: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** A job with its predicted configurations added, and those predictions apart (to mark them). */
    public record Completion(Job job, Map<Configuration, Double> predicted) {
    }

    /**
     * Adds to {@code job}'s profile a predicted time for every configuration of
     * {@code candidates} it lacks. {@code features} are the job's own inputs to the model.
     */
    public Completion complete(Job job, Collection<Configuration> candidates, Map<String, Double> features) {
        Map<Configuration, Double> profile = new LinkedHashMap<>(job.secondsPerEpoch());
        Map<Configuration, Double> predicted = new LinkedHashMap<>();
        for (Configuration configuration : candidates) {
            if (profile.containsKey(configuration) || configuration.isShared() || !knows(configuration.gpuType())) {
                continue;
            }
            double seconds = predict(job.id(), configuration, features);
            profile.put(configuration, seconds);
            predicted.put(configuration, seconds);
        }
        if (predicted.isEmpty()) {
            return new Completion(job, Map.of());
        }
        Job completed = new Job(job.id(), job.release(), job.dueDate(), job.tardinessWeight(), job.epochs(), profile,
            job.memoryGb(), job.application(), job.earlyStopFamily());
        return new Completion(completed, predicted);
    }

    /** Whether the model can tell {@code gpuType} apart (always, when it does not encode GPU types). */
    boolean knows(String gpuType) {
        List<String> levels = model.categories().get(GPU_TYPE);
        return levels == null || levels.contains(gpuType);
    }

    double predict(String jobId, Configuration configuration, Map<String, Double> features) {
        Map<String, Object> inputs = new LinkedHashMap<>(features);
        inputs.put(GPU_TYPE, configuration.gpuType());
        inputs.put(GPUS, (double) configuration.gpus());
        double seconds;
        try {
            seconds = model.predictRow(inputs);
        } catch (AmlException e) {
            throw new GpuException(ErrorCode.MISSING_PROFILING, "Job " + jobId + ": the epoch-time model " + file
                + " cannot predict " + configuration + ": " + e.getMessage() + ".\nMaybe give the job the features the model"
                + " was trained on (it reads " + model.features() + "; the scheduler gives " + GPU_TYPE + ", " + GPUS
                + " and the job's Features).");
        }
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new GpuException(ErrorCode.MISSING_PROFILING, "Job " + jobId + ": the epoch-time model " + file
                + " predicts " + seconds + " s per epoch on " + configuration + "; expected a positive time.\n"
                + "Maybe profile the job on " + configuration + " or retrain the model on more configurations.");
        }
        return seconds;
    }
}
