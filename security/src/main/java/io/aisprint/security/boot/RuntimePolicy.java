package io.aisprint.security.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.StrictNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Keylime runtime (IMA) policy: allowed digests per path and excluded paths (regular
 * expressions). {@code boot_aggregate} and violations are not file measurements and are skipped.
 */
public record RuntimePolicy(Map<String, List<String>> digests, List<Pattern> excludes) {
    private static final Set<String> KEYS = Set.of("meta", "release", "digests", "excludes", "keyrings", "ima", "ima-buf", "verification-keys");

    public static RuntimePolicy parse(byte[] json, String source) {
        StrictNode root;
        try {
            root = StrictNode.root(new ObjectMapper().readTree(json), source).allowOnly(KEYS);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, List<String>> digests = new LinkedHashMap<>();
        root.entries("digests").forEach((path, values) -> digests.put(path,
            values.raw().isArray() ? root.get("digests").textList(path).stream().map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^[a-z0-9]+:", "")).toList()
                : List.of()));
        List<Pattern> excludes = new ArrayList<>();
        for (String regex : root.textList("excludes")) {
            excludes.add(Pattern.compile(regex));
        }
        return new RuntimePolicy(digests, excludes);
    }

    /** One reason per measured file the policy does not allow. */
    public List<String> evaluate(ImaLog log) {
        List<String> reasons = new ArrayList<>();
        for (ImaLog.Entry entry : log.entries()) {
            if (entry.violation() || entry.path().equals("boot_aggregate") || excludes.stream().anyMatch(p -> p.matcher(entry.path()).matches())) {
                continue;
            }
            String digest = HexFormat.of().formatHex(entry.fileDigest());
            List<String> allowed = digests.get(entry.path());
            if (allowed == null) {
                reasons.add("line " + entry.line() + ": " + entry.path() + " is not in the runtime policy");
            } else if (!allowed.contains(digest)) {
                reasons.add("line " + entry.line() + ": " + entry.path() + " has digest " + digest + ", which the runtime policy does not allow");
            }
        }
        return reasons;
    }
}
