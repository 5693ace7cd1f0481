package io.aisprint.security.boot;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Reads an event log file: binary as the kernel exposes it, or base64 (as Keylime agents send it). */
public final class EventLogFiles {
    private EventLogFiles() {
    }

    public static EventLog read(Path file) {
        return EventLogParser.parse(decode(readBytes(file)), file.toString());
    }

    public static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A binary log always starts with PCR index 0 as four bytes, so text made of base64 characters only is base64. */
    static byte[] decode(byte[] bytes) {
        if (bytes.length < 8) {
            return bytes;
        }
        for (byte b : bytes) {
            boolean base64 = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '+' || b == '/' || b == '=' || b == '\n' || b == '\r' || b == ' ' || b == '\t';
            if (!base64) {
                return bytes;
            }
        }
        try {
            return Base64.getMimeDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
            return bytes;
        }
    }
}
