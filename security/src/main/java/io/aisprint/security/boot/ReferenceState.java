package io.aisprint.security.boot;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keylime-style measured-boot reference state ({@code mb_refstate}): what firmware, keys,
 * boot loaders and kernels a node may boot. Absent parts are not checked. Our additions to
 * Keylime's keys: {@code secure_boot} (default true: SecureBoot must be 1), {@code pcrs}
 * (golden PCR values per bank) and {@code require_exit_boot_services}.
 */
public record ReferenceState(
    List<ScrtmAndBios> scrtmAndBios,
    Optional<List<UefiVariable.Signature>> pk,
    Optional<List<UefiVariable.Signature>> kek,
    Optional<List<UefiVariable.Signature>> db,
    Optional<List<UefiVariable.Signature>> dbx,
    List<String> mokdig,
    List<String> mokxdig,
    List<Kernel> kernels,
    boolean secureBoot,
    Map<HashAlgorithm, Map<Integer, byte[]>> pcrs,
    boolean requireExitBootServices) {

    /** One allowed firmware: the S-CRTM measurement and the platform firmware blobs, SHA-256, "0x"-prefixed. */
    public record ScrtmAndBios(Optional<String> scrtm, List<String> platformFirmware) {
    }

    /** One allowed boot chain; digests are SHA-256, "0x"-prefixed; {@code kernelCmdline} is a regular expression. */
    public record Kernel(String shimAuthcode, String grubAuthcode, Optional<String> kernelAuthcode,
                         Optional<String> initrdPlain, Optional<String> vmlinuzPlain, Optional<String> kernelCmdline) {
    }

    /** The state that checks nothing but Secure Boot. */
    public static ReferenceState secureBootOnly() {
        return new ReferenceState(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            List.of(), List.of(), List.of(), true, Map.of(), false);
    }
}
