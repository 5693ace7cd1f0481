package io.aisprint.model;

import java.nio.file.Path;

/**
 * Everything the designer needs: the application, the continuum and the performance declarations
 * joining them. Read from a SPACE4AI-D system JSON or an AI-SPRINT application directory.
 *
 * @param source the file or directory it was read from (for messages), may be null
 */
public record SystemDescription(Application application, Continuum continuum, PerformanceTable performance, Path source) {

    public SystemDescription withLambda(double lambda) {
        return new SystemDescription(application.withLambda(lambda), continuum, performance, source);
    }
}
