package io.aisprint.security.attest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Append-only JSON-lines record of every attestation decision, policy change and revocation, with reasons. */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public synchronized void record(String event, String session, String service, String outcome, List<String> reasons) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", clock.instant().toString());
        entry.put("event", event);
        entry.put("session", session);
        entry.put("service", service);
        entry.put("outcome", outcome);
        entry.put("reasons", reasons);
        try {
            Files.write(file, (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "cannot append to the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized List<Map<String, Object>> entries() {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = JSON.readValue(line, Map.class);
                entries.add(entry);
            }
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "cannot read the audit log " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }
}
