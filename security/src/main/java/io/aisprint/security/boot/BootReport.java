package io.aisprint.security.boot;

import java.util.List;

/** The result of verify-boot: what was read, the replayed PCRs and the verdict with its reasons. */
public record BootReport(EventLogFormat format, int events, PcrValues pcrs, List<String> reasons) {
    public BootReport {
        reasons = List.copyOf(reasons);
    }

    public boolean passed() {
        return reasons.isEmpty();
    }

    public String verdict() {
        return passed() ? "pass" : "fail";
    }
}
