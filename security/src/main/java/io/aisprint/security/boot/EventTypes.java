package io.aisprint.security.boot;

import java.util.Map;

/** TCG PC Client event type codes and their names (as tpm2_eventlog prints them). */
public final class EventTypes {
    public static final long EV_PREBOOT_CERT = 0x0;
    public static final long EV_POST_CODE = 0x1;
    public static final long EV_NO_ACTION = 0x3;
    public static final long EV_SEPARATOR = 0x4;
    public static final long EV_ACTION = 0x5;
    public static final long EV_EVENT_TAG = 0x6;
    public static final long EV_S_CRTM_CONTENTS = 0x7;
    public static final long EV_S_CRTM_VERSION = 0x8;
    public static final long EV_IPL = 0xD;
    public static final long EV_NONHOST_INFO = 0x11;
    public static final long EV_EFI_VARIABLE_DRIVER_CONFIG = 0x80000001L;
    public static final long EV_EFI_VARIABLE_BOOT = 0x80000002L;
    public static final long EV_EFI_BOOT_SERVICES_APPLICATION = 0x80000003L;
    public static final long EV_EFI_BOOT_SERVICES_DRIVER = 0x80000004L;
    public static final long EV_EFI_GPT_EVENT = 0x80000006L;
    public static final long EV_EFI_ACTION = 0x80000007L;
    public static final long EV_EFI_PLATFORM_FIRMWARE_BLOB = 0x80000008L;
    public static final long EV_EFI_HANDOFF_TABLES = 0x80000009L;
    public static final long EV_EFI_PLATFORM_FIRMWARE_BLOB2 = 0x8000000AL;
    public static final long EV_EFI_HANDOFF_TABLES2 = 0x8000000BL;
    public static final long EV_EFI_VARIABLE_AUTHORITY = 0x800000E0L;

    private static final Map<Long, String> NAMES = Map.ofEntries(
        Map.entry(EV_PREBOOT_CERT, "EV_PREBOOT_CERT"), Map.entry(EV_POST_CODE, "EV_POST_CODE"),
        Map.entry(0x2L, "EV_UNUSED"), Map.entry(EV_NO_ACTION, "EV_NO_ACTION"), Map.entry(EV_SEPARATOR, "EV_SEPARATOR"),
        Map.entry(EV_ACTION, "EV_ACTION"), Map.entry(EV_EVENT_TAG, "EV_EVENT_TAG"),
        Map.entry(EV_S_CRTM_CONTENTS, "EV_S_CRTM_CONTENTS"), Map.entry(EV_S_CRTM_VERSION, "EV_S_CRTM_VERSION"),
        Map.entry(0x9L, "EV_CPU_MICROCODE"), Map.entry(0xAL, "EV_PLATFORM_CONFIG_FLAGS"), Map.entry(0xBL, "EV_TABLE_OF_DEVICES"),
        Map.entry(0xCL, "EV_COMPACT_HASH"), Map.entry(EV_IPL, "EV_IPL"), Map.entry(0xEL, "EV_IPL_PARTITION_DATA"),
        Map.entry(0xFL, "EV_NONHOST_CODE"), Map.entry(0x10L, "EV_NONHOST_CONFIG"), Map.entry(EV_NONHOST_INFO, "EV_NONHOST_INFO"),
        Map.entry(0x12L, "EV_OMIT_BOOT_DEVICE_EVENTS"),
        Map.entry(EV_EFI_VARIABLE_DRIVER_CONFIG, "EV_EFI_VARIABLE_DRIVER_CONFIG"), Map.entry(EV_EFI_VARIABLE_BOOT, "EV_EFI_VARIABLE_BOOT"),
        Map.entry(EV_EFI_BOOT_SERVICES_APPLICATION, "EV_EFI_BOOT_SERVICES_APPLICATION"),
        Map.entry(EV_EFI_BOOT_SERVICES_DRIVER, "EV_EFI_BOOT_SERVICES_DRIVER"),
        Map.entry(0x80000005L, "EV_EFI_RUNTIME_SERVICES_DRIVER"), Map.entry(EV_EFI_GPT_EVENT, "EV_EFI_GPT_EVENT"),
        Map.entry(EV_EFI_ACTION, "EV_EFI_ACTION"), Map.entry(EV_EFI_PLATFORM_FIRMWARE_BLOB, "EV_EFI_PLATFORM_FIRMWARE_BLOB"),
        Map.entry(EV_EFI_HANDOFF_TABLES, "EV_EFI_HANDOFF_TABLES"), Map.entry(EV_EFI_PLATFORM_FIRMWARE_BLOB2, "EV_EFI_PLATFORM_FIRMWARE_BLOB2"),
        Map.entry(EV_EFI_HANDOFF_TABLES2, "EV_EFI_HANDOFF_TABLES2"), Map.entry(0x80000010L, "EV_EFI_HCRTM_EVENT"),
        Map.entry(EV_EFI_VARIABLE_AUTHORITY, "EV_EFI_VARIABLE_AUTHORITY"), Map.entry(0x800000E1L, "EV_EFI_SPDM_FIRMWARE_BLOB"),
        Map.entry(0x800000E2L, "EV_EFI_SPDM_FIRMWARE_CONFIG"));

    private EventTypes() {
    }

    public static String name(long type) {
        String name = NAMES.get(type);
        return name != null ? name : String.format("0x%08X", type);
    }
}
