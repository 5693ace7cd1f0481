package io.aisprint.security.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a measured-boot policy looks at, read out of an event log (SHA-256 bank): firmware
 * measurements, the Secure Boot state and key databases, the boot applications, the kernel,
 * initrd and command line measured by the boot loader, and shim's MOK lists.
 */
public record BootFacts(
    Optional<String> scrtm,
    List<String> platformFirmware,
    Optional<Boolean> secureBoot,
    Map<String, List<UefiVariable.Signature>> keyDatabases,
    List<String> bootApplications,
    List<String> initrds,
    List<String> kernels,
    List<String> kernelCmdlines,
    Optional<String> mokList,
    Optional<String> mokListX,
    List<String> problems) {

    private static final List<String> KEY_DATABASES = List.of("PK", "KEK", "db", "dbx");

    /** Reads the facts; {@code problems} lists payloads that could not be decoded (with their event number). */
    public static BootFacts of(EventLog log) {
        Optional<String> scrtm = Optional.empty();
        List<String> firmware = new ArrayList<>();
        Optional<Boolean> secureBoot = Optional.empty();
        Map<String, List<UefiVariable.Signature>> databases = new LinkedHashMap<>();
        List<String> applications = new ArrayList<>();
        List<String> initrds = new ArrayList<>();
        List<String> kernels = new ArrayList<>();
        List<String> cmdlines = new ArrayList<>();
        Optional<String> mokList = Optional.empty();
        Optional<String> mokListX = Optional.empty();
        List<String> problems = new ArrayList<>();
        for (TcgEvent event : log.events()) {
            byte[] digest = event.digests().get(HashAlgorithm.SHA256);
            if (digest == null || event.isNoAction()) {
                continue;
            }
            String hex = "0x" + HexFormat.of().formatHex(digest);
            long type = event.eventType();
            int pcr = event.pcrIndex();
            if (pcr == 0 && (type == EventTypes.EV_S_CRTM_VERSION || type == EventTypes.EV_S_CRTM_CONTENTS) && scrtm.isEmpty()) {
                scrtm = Optional.of(hex);
            } else if (pcr == 0 && (type == EventTypes.EV_EFI_PLATFORM_FIRMWARE_BLOB || type == EventTypes.EV_EFI_PLATFORM_FIRMWARE_BLOB2)) {
                firmware.add(hex);
            } else if (pcr == 7 && type == EventTypes.EV_EFI_VARIABLE_DRIVER_CONFIG) {
                Optional<UefiVariable> variable = UefiVariable.parse(event.data());
                if (variable.isEmpty()) {
                    problems.add("event " + event.sequence() + " (EV_EFI_VARIABLE_DRIVER_CONFIG) is not a well-formed UEFI_VARIABLE_DATA");
                    continue;
                }
                String name = variable.get().name();
                if (name.equals("SecureBoot")) {
                    byte[] value = variable.get().value();
                    secureBoot = Optional.of(value.length >= 1 && value[0] == 1);
                } else if (KEY_DATABASES.contains(name)) {
                    Optional<List<UefiVariable.Signature>> signatures = variable.get().signatures();
                    if (signatures.isEmpty()) {
                        problems.add("event " + event.sequence() + ": " + name + " is not a well-formed EFI_SIGNATURE_LIST sequence");
                    } else {
                        databases.put(name, signatures.get());
                    }
                }
            } else if (pcr == 4 && type == EventTypes.EV_EFI_BOOT_SERVICES_APPLICATION) {
                applications.add(hex);
            } else if (type == EventTypes.EV_IPL) {
                String text = text(event.data());
                if (pcr == 9 && (text.contains("initrd") || text.contains("initramfs"))) {
                    initrds.add(hex);
                } else if (pcr == 9 && text.contains("vmlinuz")) {
                    kernels.add(hex);
                } else if (pcr == 8 && text.startsWith("kernel_cmdline: ")) {
                    cmdlines.add(text.substring("kernel_cmdline: ".length()));
                } else if (pcr == 14 && text.equals("MokList")) {
                    mokList = Optional.of(hex);
                } else if (pcr == 14 && text.equals("MokListX")) {
                    mokListX = Optional.of(hex);
                }
            }
        }
        return new BootFacts(scrtm, firmware, secureBoot, databases, applications, initrds, kernels, cmdlines, mokList, mokListX, problems);
    }

    public boolean secureBootEnabled() {
        return secureBoot.orElse(false);
    }

    /** Event text without the trailing NUL that boot loaders measure with it. */
    private static String text(byte[] data) {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }
}
