package io.aisprint.server.internal;

import io.aisprint.deploy.ContainerRecipes;
import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.DeploymentGenerator;
import io.aisprint.deploy.DeploymentTarget;
import io.aisprint.deploy.SecretSource;
import io.aisprint.deploy.ToscaOptions;
import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.ContainerImages;
import io.aisprint.model.io.SolutionJsonReader;
import io.aisprint.placement.DeploymentFiles;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Deployment files ({@code aisprint deploy}) for an uploaded application, as a zip: the base
 * deployment (first candidates, toscarizer's {@code --base}) of an application, or the optimal one
 * of a finished design ({@code --optimal}). Generated on request from what is stored, so nothing
 * new needs to survive a restart; the stored upload is never changed (the design's
 * {@code production_deployment.yaml} goes into a scratch copy under {@code DATA/tmp}).
 */
final class DeploymentExports {
    private final ApplicationService applications;
    private final DesignJobs designs;
    private final Path scratch;

    DeploymentExports(ApplicationService applications, DesignJobs designs, Path dataDirectory) {
        this.applications = applications;
        this.designs = designs;
        this.scratch = dataDirectory.resolve("tmp");
    }

    /** The base deployment's files of an application. */
    Map<String, String> base(String applicationId, String targetName) {
        DeploymentTarget target = target(targetName);
        StateStore.ApplicationRow row = applications.get(applicationId);
        return generate(folder(row), target, ToscaOptions.base());
    }

    /** The files of a finished design's best placement. */
    Map<String, String> optimal(String designId, String targetName) {
        DeploymentTarget target = target(targetName);
        StateStore.DesignRow design = designs.get(designId);
        String solution = designs.solution(designId);
        StateStore.ApplicationRow row = applications.get(design.applicationId());
        Path source = folder(row);
        SystemDescription system = applications.system(row.id());
        Path copy = scratch.resolve("deploy-" + Ids.next("tmp"));
        try {
            copyTree(source, copy);
            Placement placement = SolutionJsonReader.read(solution, "design " + designId, system);
            DeploymentFiles.write(system, placement, DeploymentGenerator.defaultFolder(copy, DeploymentTarget.TOSCA,
                    ToscaOptions.optimalDeployment()), ContainerImages.read(copy));
            return generate(copy, target, ToscaOptions.optimalDeployment());
        } catch (ModelException e) {
            throw new ServerException(ErrorCode.NOT_DEPLOYABLE, "design " + designId + " does not fit its application: " + e.getMessage(),
                    "design " + designId, null);
        } finally {
            ApplicationService.deleteTree(copy);
        }
    }

    private Map<String, String> generate(Path app, DeploymentTarget target, ToscaOptions options) {
        try {
            return new TreeMap<>(DeploymentGenerator.files(app, target, options, SecretSource.secure(), ContainerRecipes.Registry.defaults()));
        } catch (DeployException e) {
            if (e.code() == DeployException.Code.OUTPUT) {
                throw new ServerException(ErrorCode.STORAGE, e.getMessage(), e.file(), null, e);
            }
            // The deploy module names the file inside the scratch copy; the client knows the upload's own names.
            String message = e.getMessage().replace(app.toString() + "/", "");
            throw new ServerException(ErrorCode.NOT_DEPLOYABLE, message, relative(app, e.file()) + (e.field().isEmpty() ? "" : " " + e.field()),
                    "Maybe fix the application and upload it again; aisprint deploy APP --target " + target.name().toLowerCase(Locale.ROOT)
                            + " reports the same on the command line.");
        }
    }

    private Path folder(StateStore.ApplicationRow row) {
        Path entry = applications.entry(row);
        if (!Files.isDirectory(entry)) {
            throw new ServerException(ErrorCode.NOT_DEPLOYABLE, "application " + row.id() + " was uploaded as a SPACE4AI-D system JSON: "
                    + "deployment files need an AI-SPRINT application directory (container images, layer types)",
                    "application " + row.id(), "Maybe upload the application folder as a zip or tar.gz.");
        }
        return entry;
    }

    static DeploymentTarget target(String name) {
        return Arrays.stream(DeploymentTarget.values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new ServerException(ErrorCode.INVALID_REQUEST, "unknown deployment target '" + name + "'", "path: target",
                        "Maybe one of " + String.join(", ", Arrays.stream(DeploymentTarget.values())
                                .map(t -> t.name().toLowerCase(Locale.ROOT)).toList()) + "."));
    }

    /** The files as one zip, entries in name order. */
    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a zip in memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static String relative(Path app, String file) {
        if (file == null || file.isEmpty()) {
            return "";
        }
        Path path = Path.of(file);
        return path.startsWith(app) ? app.relativize(path).toString() : path.getFileName().toString();
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path path : all.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new ServerException(ErrorCode.STORAGE, "cannot copy " + from + " for deployment: " + e.getMessage(), from.toString(), null, e);
        }
    }
}
