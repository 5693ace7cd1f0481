package io.aisprint.security.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.boot.HashAlgorithm;
import io.aisprint.security.policy.SessionPolicy.AccessPolicy;
import io.aisprint.security.policy.SessionPolicy.AttestationVariant;
import io.aisprint.security.policy.SessionPolicy.Import;
import io.aisprint.security.policy.SessionPolicy.Secret;
import io.aisprint.security.policy.SessionPolicy.SecretKind;
import io.aisprint.security.policy.SessionPolicy.Service;
import io.aisprint.security.policy.SessionPolicy.TeeRequirement;
import io.aisprint.security.policy.SessionPolicy.TpmRequirement;
import io.aisprint.security.policy.SessionPolicy.Volume;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a session policy (YAML) strictly: unknown keys, bad names, dangling references are named with their place. */
public final class SessionPolicyParser {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.~]{1,128}");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9_\\-.~]{1,128}(/[A-Za-z0-9_\\-.~]{1,128})*");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$SCONE::([A-Za-z0-9_\\-.~]+)(:[a-z0-9:]+)?\\$\\$");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(second|minute|hour|day)s?");
    private static final Set<String> KEY_TYPES = Set.of("P-256", "P-384", "Ed25519", "RSA-2048", "RSA-3072");

    private SessionPolicyParser() {
    }

    public static SessionPolicy parse(byte[] yaml, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        StrictNode root = StrictNode.root(tree, source)
            .allowOnly(Set.of("name", "version", "predecessor", "services", "secrets", "volumes", "access_policy"));
        String name = matching(root.get("name"), SESSION_NAME, "a session name of [A-Za-z0-9_-.~], 1-128 characters, '/' between namespaces");
        String version = root.optionalText("version").orElse("0.3");
        if (!version.startsWith("0.3")) {
            throw root.get("version").error("expected \"0.3\" (the SCONE session language version this subset follows)");
        }
        Optional<String> predecessor = root.optional("predecessor").map(p -> matching(p, HASH, "64 lower-case hex digits (the previous version's hash)"));
        List<Secret> secrets = new ArrayList<>();
        for (StrictNode item : root.list("secrets")) {
            secrets.add(secret(item));
        }
        List<Volume> volumes = new ArrayList<>();
        for (StrictNode item : root.list("volumes")) {
            item.allowOnly(Set.of("name", "export", "import"));
            volumes.add(new Volume(matching(item.get("name"), NAME, "a volume name"), exports(item), imported(item, "volume")));
        }
        List<Service> services = new ArrayList<>();
        for (StrictNode item : root.list("services")) {
            services.add(service(item));
        }
        AccessPolicy access = accessPolicy(root);
        SessionPolicy policy = new SessionPolicy(name, version, predecessor, services, secrets, volumes, access);
        checkReferences(root, policy);
        return policy;
    }

    private static Service service(StrictNode item) {
        item.allowOnly(Set.of("name", "command", "environment", "attestation", "talks_to", "volumes"));
        String name = matching(item.get("name"), NAME, "a service name of [A-Za-z0-9_-.~], 1-128 characters");
        List<String> command = List.of();
        if (item.has("command")) {
            StrictNode node = item.get("command");
            command = node.raw().isArray() ? item.textList("command") : List.of(node.asText().trim().split("\\s+"));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        item.entries("environment").forEach((key, value) -> {
            if (key.contains("=") || key.contains("\0") || value.asText().contains("\0")) {
                throw value.error("environment names may not contain '=' or NUL, values no NUL");
            }
            environment.put(key, value.asText());
        });
        List<AttestationVariant> variants = new ArrayList<>();
        if (!item.has("attestation")) {
            throw item.error("missing key '" + item.path() + ".attestation': every service needs at least one way to attest");
        }
        StrictNode attestation = item.get("attestation");
        List<StrictNode> variantNodes = attestation.raw().isArray() ? item.list("attestation") : List.of(attestation);
        for (StrictNode variant : variantNodes) {
            variants.add(variant(variant));
        }
        if (variants.isEmpty()) {
            throw attestation.error("expected at least one attestation variant");
        }
        return new Service(name, command, environment, variants, item.textList("talks_to"), item.textList("volumes"));
    }

    private static AttestationVariant variant(StrictNode node) {
        node.allowOnly(Set.of("measurement", "tpm", "tee"));
        List<String> measurements = new ArrayList<>();
        if (node.has("measurement")) {
            StrictNode m = node.get("measurement");
            List<StrictNode> items = m.raw().isArray() ? node.list("measurement") : List.of(m);
            items.forEach(i -> measurements.add(matching(i, HASH, "a SHA-256 measurement, 64 lower-case hex digits")));
        }
        Optional<TpmRequirement> tpm = node.optional("tpm").map(SessionPolicyParser::tpm);
        Optional<TeeRequirement> tee = node.optional("tee").map(SessionPolicyParser::tee);
        if (measurements.isEmpty() && tpm.isEmpty() && tee.isEmpty()) {
            throw node.error("an attestation variant needs at least one factor: measurement, tpm or tee");
        }
        return new AttestationVariant(measurements, tpm, tee);
    }

    private static TpmRequirement tpm(StrictNode node) {
        node.allowOnly(Set.of("pcrs", "measurement_pcr"));
        Map<HashAlgorithm, Map<Integer, byte[]>> pcrs = new TreeMap<>();
        node.entries("pcrs").forEach((bankName, values) -> {
            HashAlgorithm bank = HashAlgorithm.byBankName(bankName).orElseThrow(() -> values.error("unknown PCR bank; expected sha1, sha256, sha384 or sha512"));
            Map<Integer, byte[]> bankValues = new TreeMap<>();
            values.raw().fields().forEachRemaining(e -> {
                int index = pcrIndex(values, e.getKey());
                String hex = new StrictNode(e.getValue(), source(values), values.path() + "." + e.getKey()).asText().toLowerCase(Locale.ROOT);
                if (!hex.matches("[0-9a-f]{" + 2 * bank.digestSize() + "}")) {
                    throw values.error("PCR " + e.getKey() + ": expected " + bank.digestSize() + " bytes of hex");
                }
                bankValues.put(index, HexFormat.of().parseHex(hex));
            });
            pcrs.put(bank, bankValues);
        });
        Optional<Integer> measurementPcr = node.has("measurement_pcr") ? Optional.of(pcrIndex(node, Long.toString(node.integer("measurement_pcr", 0))))
            : Optional.empty();
        return new TpmRequirement(pcrs, measurementPcr);
    }

    private static TeeRequirement tee(StrictNode node) {
        String type = node.text("type");
        if (!Set.of("sgx", "sev-snp", "tdx", "test-double").contains(type)) {
            throw node.get("type").error("expected sgx, sev-snp, tdx or test-double");
        }
        Map<String, List<String>> claims = new TreeMap<>();
        node.raw().fields().forEachRemaining(e -> {
            if (!e.getKey().equals("type")) {
                StrictNode value = node.get(e.getKey());
                claims.put(e.getKey(), value.raw().isArray() ? node.textList(e.getKey()) : List.of(value.asText()));
            }
        });
        return new TeeRequirement(type, claims);
    }

    private static Secret secret(StrictNode item) {
        item.allowOnly(Set.of("name", "kind", "size", "value", "key_type", "private_key", "issuer", "common_name", "endpoint",
            "san", "valid_for", "export", "import", "migrate"));
        String name = matching(item.get("name"), NAME, "a secret name");
        Optional<Import> imported = imported(item, "secret");
        String kindText = item.optionalText("kind").orElse(imported.isPresent() ? "binary" : null);
        if (kindText == null) {
            throw item.error("missing key '" + item.path() + ".kind'; expected ascii, binary, private-key, x509 or x509-ca");
        }
        SecretKind kind = switch (kindText) {
            case "ascii" -> SecretKind.ASCII;
            case "binary" -> SecretKind.BINARY;
            case "private-key" -> SecretKind.PRIVATE_KEY;
            case "x509" -> SecretKind.X509;
            case "x509-ca" -> SecretKind.X509_CA;
            default -> throw item.get("kind").error("expected ascii, binary, private-key, x509 or x509-ca");
        };
        long size = item.integer("size", 20);
        if (size < 1 || size > 4096) {
            throw item.get("size").error("expected 1..4096");
        }
        String keyType = item.optionalText("key_type").orElse("P-256");
        if (!KEY_TYPES.contains(keyType)) {
            throw item.get("key_type").error("expected one of " + new java.util.TreeSet<>(KEY_TYPES));
        }
        Optional<String> endpoint = item.optionalText("endpoint");
        if (endpoint.isPresent() && !Set.of("server", "client").contains(endpoint.get())) {
            throw item.get("endpoint").error("expected server or client");
        }
        boolean certificate = kind == SecretKind.X509 || kind == SecretKind.X509_CA;
        if (certificate && !item.has("private_key") && !item.has("value") && imported.isEmpty()) {
            throw item.error(kindText + " needs private_key (a private-key secret) unless it is imported or given as value");
        }
        if (kind == SecretKind.X509_CA && endpoint.isPresent()) {
            throw item.get("endpoint").error("endpoint is for end-entity certificates (x509) only");
        }
        Duration validFor = item.optional("valid_for").map(SessionPolicyParser::duration).orElse(Duration.ofDays(90));
        return new Secret(name, kind, (int) size, item.optionalText("value"), keyType, item.optionalText("private_key"), item.optionalText("issuer"),
            item.optionalText("common_name"), endpoint, item.textList("san"), validFor, exports(item), imported, item.bool("migrate", false));
    }

    private static List<String> exports(StrictNode item) {
        List<String> sessions = new ArrayList<>();
        for (StrictNode grant : item.list("export")) {
            grant.allowOnly(Set.of("session"));
            sessions.add(matching(grant.get("session"), SESSION_NAME, "a session name"));
        }
        return sessions;
    }

    private static Optional<Import> imported(StrictNode item, String kind) {
        return item.optional("import").map(node -> {
            node.allowOnly(Set.of("session", kind));
            return new Import(matching(node.get("session"), SESSION_NAME, "a session name"), matching(node.get(kind), NAME, "a " + kind + " name"));
        });
    }

    private static AccessPolicy accessPolicy(StrictNode root) {
        if (!root.has("access_policy")) {
            return new AccessPolicy(List.of("CREATOR"), List.of("CREATOR"));
        }
        StrictNode node = root.get("access_policy").allowOnly(Set.of("read", "update"));
        return new AccessPolicy(principals(node, "read"), principals(node, "update"));
    }

    private static List<String> principals(StrictNode node, String key) {
        if (!node.has(key)) {
            return List.of("CREATOR");
        }
        List<String> list = node.textList(key);
        for (int i = 0; i < list.size(); i++) {
            String principal = list.get(i);
            boolean special = principal.equals("ANY") || principal.equals("NONE");
            if (special && list.size() > 1) {
                throw node.get(key).error(principal + " must be alone in its list");
            }
            if (!special && !principal.equals("CREATOR") && !HASH.matcher(principal).matches()) {
                throw node.get(key).error("entry " + i + ": expected CREATOR, ANY, NONE or a public-key hash (64 hex digits)");
            }
        }
        return list;
    }

    private static void checkReferences(StrictNode root, SessionPolicy policy) {
        Set<String> serviceNames = unique(root, "services", policy.services().stream().map(Service::name).toList());
        Set<String> secretNames = unique(root, "secrets", policy.secrets().stream().map(Secret::name).toList());
        Set<String> volumeNames = unique(root, "volumes", policy.volumes().stream().map(Volume::name).toList());
        for (Secret secret : policy.secrets()) {
            secret.privateKey().ifPresent(key -> requireKind(root, policy, secret, key, SecretKind.PRIVATE_KEY, "private_key"));
            secret.issuer().ifPresent(issuer -> requireKind(root, policy, secret, issuer, SecretKind.X509_CA, "issuer"));
        }
        for (int i = 0; i < policy.services().size(); i++) {
            Service service = policy.services().get(i);
            String where = "services[" + i + "]";
            for (String peer : service.talksTo()) {
                if (!serviceNames.contains(peer)) {
                    throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source(root) + where + ".talks_to: no service named '" + peer + "'");
                }
            }
            for (String volume : service.volumes()) {
                if (!volumeNames.contains(volume)) {
                    throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source(root) + where + ".volumes: no volume named '" + volume + "'");
                }
            }
            List<String> texts = new ArrayList<>(service.command());
            texts.addAll(service.environment().values());
            for (String text : texts) {
                Matcher matcher = PLACEHOLDER.matcher(text);
                while (matcher.find()) {
                    if (!secretNames.contains(matcher.group(1))) {
                        throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source(root) + where + ": placeholder " + matcher.group()
                            + " names no secret of this session");
                    }
                }
            }
        }
    }

    /** The secrets a service may receive: those its command or environment names. */
    public static Set<String> referencedSecrets(Service service) {
        Set<String> names = new HashSet<>();
        List<String> texts = new ArrayList<>(service.command());
        texts.addAll(service.environment().values());
        for (String text : texts) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static void requireKind(StrictNode root, SessionPolicy policy, Secret secret, String reference, SecretKind kind, String key) {
        Optional<Secret> target = policy.secret(reference);
        if (target.isEmpty() || target.get().kind() != kind) {
            throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source(root) + "secret '" + secret.name() + "'." + key + ": '" + reference
                + "' is not a " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " secret of this session");
        }
    }

    private static Set<String> unique(StrictNode root, String key, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source(root) + key + ": '" + name + "' appears twice");
            }
        }
        return seen;
    }

    static String source(StrictNode root) {
        String message = root.error("").getMessage();
        return message.substring(0, message.indexOf(": ") + 2);
    }

    private static Duration duration(StrictNode node) {
        Matcher matcher = DURATION.matcher(node.asText().trim());
        if (!matcher.matches()) {
            throw node.error("expected a duration such as '90 days', '1 hour' or '30 minutes'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "second" -> Duration.ofSeconds(amount);
            case "minute" -> Duration.ofMinutes(amount);
            case "hour" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static int pcrIndex(StrictNode node, String key) {
        try {
            int index = Integer.parseInt(key);
            if (index >= 0 && index <= 23) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw node.error("PCR index '" + key + "': expected 0..23");
    }

    private static String matching(StrictNode node, Pattern pattern, String expected) {
        String text = node.asText();
        if (!pattern.matcher(text).matches()) {
            throw node.error("'" + text + "' is not " + expected);
        }
        return text;
    }
}
