package io.aisprint.placement;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Purpose-built systems for tests (our own data, not anchor copies). */
final class Fixtures {
    private Fixtures() {
    }

    /** Camera → detect (two deployments, one partitioned with early exit) → report (VM or FaaS), λ = 2. */
    static SystemDescription inspection() {
        return fromJson(inspectionJson());
    }

    static String inspectionJson() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/inspection-system.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SystemDescription fromJson(String json) {
        return SystemJsonReader.read(json, "test.json", null);
    }
}
