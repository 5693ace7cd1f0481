package io.aisprint.gpu.executor;

import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.Configuration;
import io.aisprint.gpu.ErrorCode;
import io.aisprint.gpu.GpuException;
import io.aisprint.gpu.spi.ExecutionBackend;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs real jobs as local processes pinned to GPUs. With {@link GpuBinding#CUDA} the job sees
 * its GPUs through {@code CUDA_VISIBLE_DEVICES}; with {@link GpuBinding#RCUDA} it gets
 * {@code RCUDA_DEVICE_COUNT} and {@code RCUDA_DEVICE_i=host:gpu} for remote GPUs. Preemption
 * sends SIGTERM; the job checkpoints and exits; a later start resumes from the checkpoint in
 * its new configuration. With no GPU present, CPU jobs run the same way.
 */
public final class ProcessExecutor implements ExecutionBackend, AutoCloseable {

    /** How a job is told which GPUs are its own. */
    public enum GpuBinding { CUDA, RCUDA }

    /** What the executor reports back (from its watcher threads). */
    public interface Listener {
        void finished(String jobId);

        void profiled(String jobId, Map<Configuration, Double> secondsPerEpoch, double epochsDone);

        void failed(String jobId, String message);
    }

    /** The built-in training job a job without a command of its own runs. */
    public enum DemoJob {
        /** {@link DjlTrainingJob}: an MLP on DJL with PyTorch (CPU natives from the jar, offline). */
        DJL,
        /** {@link DemoTrainingJob}: a pure-Java network, for machines without the PyTorch natives. */
        JAVA;

        /** {@code djl} or {@code java}, any case; {@code field} names the input in the error. */
        public static DemoJob parse(String text, String field) {
            for (DemoJob job : values()) {
                if (job.name().equalsIgnoreCase(text.strip())) {
                    return job;
                }
            }
            throw new GpuException(ErrorCode.INVALID_INPUT, field + ": expected \"djl\" or \"java\", got \"" + text + "\".");
        }
    }

    /**
     * A registered job: its epochs and command ({@code {checkpoint}} and {@code {epochs}} are
     * filled in); with an empty command it runs the built-in {@code demo} job.
     */
    public record JobSpec(int epochs, List<String> command, DemoJob demo) {
        public JobSpec {
            command = List.copyOf(command);
        }
    }

    private final Path workDirectory;
    private final GpuBinding binding;
    private final Map<String, String> hostOfNode;
    private final Listener listener;
    private final Map<String, JobSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stopping = new ConcurrentHashMap<>();
    private final long stopTimeoutMillis;

    public ProcessExecutor(Path workDirectory, GpuBinding binding, Map<String, String> hostOfNode, Listener listener) {
        this.workDirectory = workDirectory;
        this.binding = binding;
        this.hostOfNode = Map.copyOf(hostOfNode);
        this.listener = listener;
        this.stopTimeoutMillis = 30_000;
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new GpuException(ErrorCode.EXECUTION, "Cannot create work directory " + workDirectory + ": " + e.getMessage(), e);
        }
    }

    public void register(String jobId, JobSpec spec) {
        specs.put(jobId, spec);
    }

    public Path checkpointOf(String jobId) {
        return workDirectory.resolve(jobId + ".checkpoint");
    }

    public Path logOf(String jobId) {
        return workDirectory.resolve(jobId + ".log");
    }

    /** The environment that pins a job to its GPUs. */
    public Map<String, String> gpuEnvironment(String nodeId, List<Integer> gpuIndices) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (binding == GpuBinding.CUDA) {
            environment.put("CUDA_VISIBLE_DEVICES", gpuIndices.stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else {
            String host = hostOfNode.getOrDefault(nodeId, nodeId);
            environment.put("RCUDA_DEVICE_COUNT", Integer.toString(gpuIndices.size()));
            for (int i = 0; i < gpuIndices.size(); i++) {
                environment.put("RCUDA_DEVICE_" + i, host + ":" + gpuIndices.get(i));
            }
        }
        return environment;
    }

    @Override
    public void start(Assignment assignment, List<Integer> gpuIndices, double completed) {
        String jobId = assignment.jobId();
        JobSpec spec = spec(jobId);
        Process process = launch(jobId, spec.epochs(), gpuEnvironment(assignment.nodeId(), gpuIndices));
        processes.put(jobId, process);
        stopping.remove(jobId);
        Thread watcher = new Thread(() -> watch(jobId, process, spec.epochs()), "gpu-job-" + jobId);
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(String jobId, Process process, int epochs) {
        try {
            int exit = process.waitFor();
            if (stopping.remove(jobId) != null) {
                return; // preempted on purpose
            }
            processes.remove(jobId, process);
            int done = epochsDone(jobId);
            if (exit == DjlTrainingJob.ENGINE_UNAVAILABLE && spec(jobId).command().isEmpty()) {
                listener.failed(jobId, "Job " + jobId + " could not load the PyTorch native library; see " + logOf(jobId)
                    + ". Submit it with the pure-Java demo job (job \"java\") instead.");
            } else if (exit == 0 && done >= epochs) {
                listener.finished(jobId);
            } else {
                listener.failed(jobId, "Job " + jobId + " exited with code " + exit + " after " + done + " of " + epochs
                    + " epochs; see " + logOf(jobId) + ".");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public OptionalDouble stop(String jobId) {
        Process process = processes.remove(jobId);
        if (process == null) {
            return OptionalDouble.empty();
        }
        stopping.put(jobId, Boolean.TRUE);
        process.destroy(); // SIGTERM: the job checkpoints and exits
        try {
            if (!process.waitFor(stopTimeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(stopTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JobSpec spec = spec(jobId);
        return OptionalDouble.of(Math.min(1, epochsDone(jobId) / (double) spec.epochs()));
    }

    /**
     * Epochs in the job's checkpoint, 0 without one. The DJL job's checkpoint is a folder
     * ({@link DjlCheckpoint}); other jobs write a {@link Checkpoint} file.
     */
    public int epochsDone(String jobId) {
        Path checkpoint = checkpointOf(jobId);
        if (Files.isDirectory(checkpoint)) {
            return new DjlCheckpoint.Folder(checkpoint).read().map(DjlCheckpoint::epochsDone).orElse(0);
        }
        return Checkpoint.read(checkpoint).map(Checkpoint::epochsDone).orElse(0);
    }

    /**
     * Runs {@code epochs} epochs per configuration, one configuration after the other, and times
     * them. The epochs count as progress: the runs share the job's checkpoint.
     */
    @Override
    public void startProfiling(String jobId, String nodeId, List<Configuration> configurations, double epochs) {
        JobSpec spec = spec(jobId);
        Thread profiler = new Thread(() -> {
            Map<Configuration, Double> measured = new LinkedHashMap<>();
            int before = epochsDone(jobId);
            int done = before;
            for (Configuration configuration : configurations) {
                int target = (int) Math.min(spec.epochs(), done + Math.max(1, Math.round(epochs)));
                if (target <= done) {
                    break;
                }
                List<Integer> gpus = new ArrayList<>();
                for (int g = 0; g < configuration.gpus(); g++) {
                    gpus.add(g);
                }
                long started = System.nanoTime();
                Process process = launch(jobId, target, gpuEnvironment(nodeId, gpus));
                try {
                    int exit = process.waitFor();
                    if (exit != 0) {
                        listener.failed(jobId, "Profiling run of job " + jobId + " exited with code " + exit + "; see " + logOf(jobId) + ".");
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                measured.put(configuration, seconds / (target - done));
                done = target;
            }
            listener.profiled(jobId, measured, done - before);
        }, "gpu-profile-" + jobId);
        profiler.setDaemon(true);
        profiler.start();
    }

    private JobSpec spec(String jobId) {
        JobSpec spec = specs.get(jobId);
        if (spec == null) {
            throw new GpuException(ErrorCode.EXECUTION, "Job " + jobId + " was not registered with the executor.");
        }
        return spec;
    }

    private Process launch(String jobId, int epochs, Map<String, String> environment) {
        JobSpec spec = spec(jobId);
        List<String> command = new ArrayList<>();
        if (spec.command().isEmpty()) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("-XX:+UseSerialGC");
            if (spec.demo() == DemoJob.DJL) {
                command.add("-Dai.djl.offline=true");
                // A tiny network trains fastest on one thread, and jobs share the machine.
                command.add("-Dai.djl.pytorch.num_threads=1");
                command.add("-Dai.djl.pytorch.num_interop_threads=1");
                String cache = System.getProperty("DJL_CACHE_DIR");
                if (cache != null) {
                    command.add("-DDJL_CACHE_DIR=" + cache); // where the PyTorch natives were unpacked once
                }
                command.add(DjlTrainingJob.class.getName());
            } else {
                command.add(DemoTrainingJob.class.getName());
            }
            command.add("--checkpoint");
            command.add(checkpointOf(jobId).toString());
            command.add("--epochs");
            command.add(Integer.toString(epochs));
        } else {
            for (String part : spec.command()) {
                command.add(part.replace("{checkpoint}", checkpointOf(jobId).toString()).replace("{epochs}", Integer.toString(epochs)));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(key -> key.equals("CUDA_VISIBLE_DEVICES") || key.startsWith("RCUDA_DEVICE"));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        File log = logOf(jobId).toFile();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new GpuException(ErrorCode.EXECUTION, "Cannot start job " + jobId + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Stops every job still running (each checkpoints). */
    @Override
    public void close() {
        for (String jobId : new ArrayList<>(processes.keySet())) {
            stop(jobId);
        }
    }
}
