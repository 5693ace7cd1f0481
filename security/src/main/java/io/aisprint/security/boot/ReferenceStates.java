package io.aisprint.security.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.StrictNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads, writes and creates reference states (Keylime's {@code mb_refstate} JSON plus our keys). */
public final class ReferenceStates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("scrtm_and_bios", "pk", "kek", "db", "dbx", "mokdig", "mokxdig", "kernels",
        "secure_boot", "pcrs", "require_exit_boot_services");
    private static final Set<String> KERNEL = Set.of("shim_authcode_sha256", "grub_authcode_sha256", "kernel_authcode_sha256",
        "initrd_plain_sha256", "vmlinuz_plain_sha256", "kernel_cmdline");

    private ReferenceStates() {
    }

    public static ReferenceState parse(byte[] json, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.POLICY_MALFORMED, source + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        StrictNode root = StrictNode.root(tree, source).allowOnly(TOP);
        List<ReferenceState.ScrtmAndBios> firmware = new ArrayList<>();
        for (StrictNode item : root.list("scrtm_and_bios")) {
            item.allowOnly(Set.of("scrtm", "platform_firmware"));
            Optional<String> scrtm = item.optional("scrtm").map(s -> digest(s.allowOnly(Set.of("sha256")).get("sha256")));
            List<String> blobs = item.list("platform_firmware").stream().map(b -> digest(b.allowOnly(Set.of("sha256")).get("sha256"))).toList();
            firmware.add(new ReferenceState.ScrtmAndBios(scrtm, blobs));
        }
        List<ReferenceState.Kernel> kernels = new ArrayList<>();
        for (StrictNode item : root.list("kernels")) {
            item.allowOnly(KERNEL);
            item.optionalText("kernel_cmdline").ifPresent(regex -> compile(item.get("kernel_cmdline"), regex));
            kernels.add(new ReferenceState.Kernel(digest(item.get("shim_authcode_sha256")), digest(item.get("grub_authcode_sha256")),
                item.optional("kernel_authcode_sha256").map(ReferenceStates::digest), item.optional("initrd_plain_sha256").map(ReferenceStates::digest),
                item.optional("vmlinuz_plain_sha256").map(ReferenceStates::digest), item.optionalText("kernel_cmdline")));
        }
        Map<HashAlgorithm, Map<Integer, byte[]>> pcrs = new EnumMap<>(HashAlgorithm.class);
        root.entries("pcrs").forEach((bankName, values) -> {
            HashAlgorithm bank = HashAlgorithm.byBankName(bankName).orElseThrow(() -> values.error("unknown PCR bank; expected sha1, sha256, sha384, sha512 or sm3_256"));
            Map<Integer, byte[]> bankValues = new TreeMap<>();
            values.raw().fields().forEachRemaining(e -> {
                StrictNode value = new StrictNode(e.getValue(), source, values.path() + "." + e.getKey());
                bankValues.put(pcrIndex(value, e.getKey()), hex(value, bank.digestSize()));
            });
            pcrs.put(bank, bankValues);
        });
        return new ReferenceState(firmware, signatures(root, "pk"), signatures(root, "kek"), signatures(root, "db"), signatures(root, "dbx"),
            root.list("mokdig").stream().map(m -> digest(m.allowOnly(Set.of("sha256")).get("sha256"))).toList(),
            root.list("mokxdig").stream().map(m -> digest(m.allowOnly(Set.of("sha256")).get("sha256"))).toList(),
            kernels, root.bool("secure_boot", true), pcrs, root.bool("require_exit_boot_services", false));
    }

    /**
     * The reference state that accepts exactly this boot (Keylime's {@code create_mb_policy}).
     * Refuses a log with Secure Boot off unless {@code withoutSecureBoot}, as Keylime does
     * without {@code -i}.
     */
    public static ReferenceState create(EventLog log, boolean withoutSecureBoot) {
        if (!log.banks().contains(HashAlgorithm.SHA256)) {
            throw new TrustException(TrustErrorCode.POLICY_MALFORMED, "the event log has no sha256 bank; a reference state needs SHA-256 digests");
        }
        BootFacts facts = BootFacts.of(log);
        boolean secureBoot = facts.secureBootEnabled();
        if (!secureBoot && !withoutSecureBoot) {
            throw new TrustException(TrustErrorCode.ATTESTATION_REFUSED,
                "Secure Boot is not enabled in this log (no EV_EFI_VARIABLE_DRIVER_CONFIG SecureBoot=1)\nMaybe pass --without-secureboot to accept such nodes.");
        }
        List<ReferenceState.Kernel> kernels = new ArrayList<>();
        List<String> apps = facts.bootApplications();
        if (apps.size() >= 2) {
            kernels.add(new ReferenceState.Kernel(apps.get(0), apps.get(1), secureBoot && apps.size() >= 3 ? Optional.of(apps.get(2)) : Optional.empty(),
                last(facts.initrds()), secureBoot ? Optional.empty() : last(facts.kernels()),
                last(facts.kernelCmdlines()).map(Pattern::quote)));
        }
        return new ReferenceState(List.of(new ReferenceState.ScrtmAndBios(facts.scrtm(), facts.platformFirmware())),
            secureBoot ? Optional.ofNullable(facts.keyDatabases().get("PK")) : Optional.empty(),
            secureBoot ? Optional.ofNullable(facts.keyDatabases().get("KEK")) : Optional.empty(),
            secureBoot ? Optional.ofNullable(facts.keyDatabases().get("db")) : Optional.empty(),
            secureBoot ? Optional.ofNullable(facts.keyDatabases().get("dbx")) : Optional.empty(),
            facts.mokList().stream().toList(), facts.mokListX().stream().toList(), kernels, secureBoot, Map.of(), false);
    }

    public static ObjectNode toJson(ReferenceState state) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode firmware = root.putArray("scrtm_and_bios");
        for (ReferenceState.ScrtmAndBios item : state.scrtmAndBios()) {
            ObjectNode node = firmware.addObject();
            item.scrtm().ifPresent(s -> node.putObject("scrtm").put("sha256", s));
            ArrayNode blobs = node.putArray("platform_firmware");
            item.platformFirmware().forEach(b -> blobs.addObject().put("sha256", b));
        }
        putSignatures(root, "pk", state.pk());
        putSignatures(root, "kek", state.kek());
        putSignatures(root, "db", state.db());
        putSignatures(root, "dbx", state.dbx());
        state.mokdig().forEach(m -> root.withArray("mokdig").addObject().put("sha256", m));
        state.mokxdig().forEach(m -> root.withArray("mokxdig").addObject().put("sha256", m));
        ArrayNode kernels = root.putArray("kernels");
        for (ReferenceState.Kernel kernel : state.kernels()) {
            ObjectNode node = kernels.addObject().put("shim_authcode_sha256", kernel.shimAuthcode()).put("grub_authcode_sha256", kernel.grubAuthcode());
            kernel.kernelAuthcode().ifPresent(v -> node.put("kernel_authcode_sha256", v));
            kernel.initrdPlain().ifPresent(v -> node.put("initrd_plain_sha256", v));
            kernel.vmlinuzPlain().ifPresent(v -> node.put("vmlinuz_plain_sha256", v));
            kernel.kernelCmdline().ifPresent(v -> node.put("kernel_cmdline", v));
        }
        root.put("secure_boot", state.secureBoot());
        return root;
    }

    private static void putSignatures(ObjectNode root, String key, Optional<List<UefiVariable.Signature>> signatures) {
        signatures.ifPresent(list -> {
            ArrayNode array = root.putArray(key);
            list.forEach(s -> array.addObject().put("SignatureOwner", s.owner()).put("SignatureData", s.data()));
        });
    }

    private static Optional<List<UefiVariable.Signature>> signatures(StrictNode root, String key) {
        if (!root.has(key)) {
            return Optional.empty();
        }
        List<UefiVariable.Signature> list = new ArrayList<>();
        for (StrictNode item : root.list(key)) {
            item.allowOnly(Set.of("SignatureOwner", "SignatureData"));
            list.add(new UefiVariable.Signature(item.text("SignatureOwner").toLowerCase(java.util.Locale.ROOT), digest(item.get("SignatureData"))));
        }
        return Optional.of(list);
    }

    private static <T> Optional<T> last(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /** Hex with or without "0x", normalised to lower case with "0x". */
    private static String digest(StrictNode node) {
        String text = node.asText().toLowerCase(java.util.Locale.ROOT);
        String bare = text.startsWith("0x") ? text.substring(2) : text;
        if (bare.isEmpty() || bare.length() % 2 != 0 || !bare.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw node.error("expected hex bytes (optionally 0x-prefixed), got '" + node.asText() + "'");
        }
        return "0x" + bare;
    }

    private static byte[] hex(StrictNode node, int size) {
        String bare = digest(node).substring(2);
        if (bare.length() != 2 * size) {
            throw node.error("expected " + size + " bytes of hex, got " + bare.length() / 2);
        }
        return HexFormat.of().parseHex(bare);
    }

    private static int pcrIndex(StrictNode node, String key) {
        try {
            int index = Integer.parseInt(key);
            if (index >= 0 && index < PcrValues.PCR_COUNT) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw node.error("expected a PCR index 0..23 as key");
    }

    private static void compile(StrictNode node, String regex) {
        try {
            Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw node.error("not a valid regular expression: " + e.getDescription());
        }
    }
}
