package io.aisprint.security.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a replayed boot against a reference state, the way Keylime's example measured-boot
 * policy does: one reason per violated rule, empty when the boot is acceptable.
 */
public final class BootPolicy {
    private static final byte[] EBS_INVOCATION = "Exit Boot Services Invocation".getBytes(StandardCharsets.US_ASCII);

    private BootPolicy() {
    }

    public static List<String> evaluate(EventLog log, PcrValues replayed, ReferenceState state) {
        List<String> reasons = new ArrayList<>();
        BootFacts facts = BootFacts.of(log);
        reasons.addAll(facts.problems());
        goldenPcrs(replayed, state, reasons);
        if (state.requireExitBootServices() && log.events().stream().noneMatch(BootPolicy::isExitBootServices)) {
            reasons.add("PCR5 lacks the EV_EFI_ACTION \"Exit Boot Services Invocation\" event");
        }
        if (state.secureBoot() && !facts.secureBootEnabled()) {
            reasons.add(facts.secureBoot().isPresent()
                ? "Secure Boot is disabled (EV_EFI_VARIABLE_DRIVER_CONFIG SecureBoot=0); the reference state requires SecureBoot=1"
                : "the log has no EV_EFI_VARIABLE_DRIVER_CONFIG SecureBoot event; the reference state requires SecureBoot=1");
        }
        boolean needsSha256 = !state.scrtmAndBios().isEmpty() || !state.kernels().isEmpty() || state.pk().isPresent()
            || !state.mokdig().isEmpty() || state.secureBoot();
        if (needsSha256 && !log.banks().contains(HashAlgorithm.SHA256)) {
            reasons.add("the log has no sha256 bank; the reference state is written in SHA-256 digests");
            return reasons;
        }
        firmware(facts, state, reasons);
        keyDatabase("PK", facts, state.pk(), reasons, false);
        keyDatabase("KEK", facts, state.kek(), reasons, false);
        keyDatabase("db", facts, state.db(), reasons, false);
        keyDatabase("dbx", facts, state.dbx(), reasons, true);
        mok("MokList", facts.mokList(), state.mokdig(), reasons);
        mok("MokListX", facts.mokListX(), state.mokxdig(), reasons);
        if (!state.kernels().isEmpty()) {
            List<String> mismatches = new ArrayList<>();
            for (ReferenceState.Kernel kernel : state.kernels()) {
                Optional<String> mismatch = kernelMismatch(facts, kernel);
                if (mismatch.isEmpty()) {
                    return reasons;
                }
                mismatches.add(mismatch.get());
            }
            reasons.add("no allowed kernel matches the boot: " + String.join("; ", mismatches));
        }
        return reasons;
    }

    private static void goldenPcrs(PcrValues replayed, ReferenceState state, List<String> reasons) {
        state.pcrs().forEach((bank, values) -> values.forEach((index, expected) -> {
            byte[] actual = replayed.valueOrReset(bank, index);
            if (!java.util.Arrays.equals(actual, expected)) {
                reasons.add(bank.bankName() + " PCR" + index + " is " + HexFormat.of().formatHex(actual)
                    + "; the reference state allows " + HexFormat.of().formatHex(expected));
            }
        }));
    }

    private static boolean isExitBootServices(TcgEvent event) {
        return event.pcrIndex() == 5 && event.eventType() == EventTypes.EV_EFI_ACTION
            && java.util.Arrays.equals(event.data(), EBS_INVOCATION);
    }

    private static void firmware(BootFacts facts, ReferenceState state, List<String> reasons) {
        if (state.scrtmAndBios().isEmpty()) {
            return;
        }
        for (ReferenceState.ScrtmAndBios allowed : state.scrtmAndBios()) {
            boolean scrtm = allowed.scrtm().isEmpty() || allowed.scrtm().equals(facts.scrtm());
            if (scrtm && allowed.platformFirmware().equals(facts.platformFirmware())) {
                return;
            }
        }
        reasons.add("firmware not allowed: S-CRTM " + facts.scrtm().orElse("(none)") + " with " + facts.platformFirmware().size()
            + " platform firmware blobs matches no scrtm_and_bios entry");
    }

    private static void keyDatabase(String name, BootFacts facts, Optional<List<UefiVariable.Signature>> allowed, List<String> reasons, boolean revocations) {
        if (allowed.isEmpty()) {
            return;
        }
        List<UefiVariable.Signature> logged = facts.keyDatabases().getOrDefault(name, List.of());
        if (revocations) {
            // A dbx may grow (more revocations) but never lose an entry the reference state lists.
            var missing = new ArrayList<>(allowed.get());
            missing.removeAll(new HashSet<>(logged));
            if (!missing.isEmpty()) {
                reasons.add(name + " lacks " + missing.size() + " revocation(s) the reference state requires, first " + abbreviate(missing.get(0).data()));
            }
        } else if (!new HashSet<>(logged).equals(new HashSet<>(allowed.get()))) {
            reasons.add(name + " holds " + logged.size() + " signature(s) that differ from the " + allowed.get().size() + " the reference state allows");
        }
    }

    private static void mok(String name, Optional<String> logged, List<String> allowed, List<String> reasons) {
        if (!allowed.isEmpty() && (logged.isEmpty() || !allowed.contains(logged.get()))) {
            reasons.add(name + " digest " + logged.orElse("(not measured)") + " is not in the reference state");
        }
    }

    private static Optional<String> kernelMismatch(BootFacts facts, ReferenceState.Kernel kernel) {
        List<String> apps = facts.bootApplications();
        List<String> wanted = new ArrayList<>(List.of(kernel.shimAuthcode(), kernel.grubAuthcode()));
        kernel.kernelAuthcode().ifPresent(wanted::add);
        String[] roles = {"shim", "boot loader", "kernel"};
        for (int i = 0; i < wanted.size(); i++) {
            if (i >= apps.size()) {
                return Optional.of(roles[i] + " " + abbreviate(wanted.get(i)) + " was not booted");
            }
            if (!apps.get(i).equals(wanted.get(i))) {
                return Optional.of(roles[i] + " is " + abbreviate(apps.get(i)) + ", expected " + abbreviate(wanted.get(i)));
            }
        }
        if (kernel.initrdPlain().isPresent() && !facts.initrds().contains(kernel.initrdPlain().get())) {
            return Optional.of("initrd " + abbreviate(kernel.initrdPlain().get()) + " was not loaded");
        }
        if (kernel.vmlinuzPlain().isPresent() && !facts.kernels().contains(kernel.vmlinuzPlain().get())) {
            return Optional.of("kernel image " + abbreviate(kernel.vmlinuzPlain().get()) + " was not loaded");
        }
        if (kernel.kernelCmdline().isPresent()) {
            Pattern pattern = Pattern.compile(kernel.kernelCmdline().get());
            if (facts.kernelCmdlines().stream().noneMatch(line -> pattern.matcher(line).matches())) {
                return Optional.of("kernel command line " + facts.kernelCmdlines() + " does not match " + kernel.kernelCmdline().get());
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String hex) {
        return hex.length() > 18 ? hex.substring(0, 18) + ".." : hex;
    }
}
