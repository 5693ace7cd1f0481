package io.aisprint.model.io;

import io.aisprint.model.ModelException;
import io.aisprint.model.SystemDescription;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads whatever describes a system: a SPACE4AI-D system JSON file or an AI-SPRINT application directory. */
public final class SystemReaders {
    private SystemReaders() {
    }

    public static SystemDescription read(Path path) {
        if (!Files.exists(path)) {
            throw ModelException.unreadable(path.toString(), "", "no such file or directory");
        }
        if (Files.isDirectory(path)) {
            return ApplicationDirectoryReader.read(path);
        }
        return SystemJsonReader.read(path);
    }
}
