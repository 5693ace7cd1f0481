package io.aisprint.security.boot;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** PCR values per bank and index; holds only the PCRs that were set (by replay or by a quote). */
public final class PcrValues {
    public static final int PCR_COUNT = 24;
    private final Map<HashAlgorithm, SortedMap<Integer, byte[]>> banks = new EnumMap<>(HashAlgorithm.class);

    public void put(HashAlgorithm bank, int index, byte[] value) {
        banks.computeIfAbsent(bank, b -> new TreeMap<>()).put(index, value.clone());
    }

    public Optional<byte[]> get(HashAlgorithm bank, int index) {
        SortedMap<Integer, byte[]> values = banks.get(bank);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(index)).map(byte[]::clone);
    }

    /** The value a quote would read: the set value, or the reset value (0xFF.. for 17-22, 0x00.. otherwise). */
    public byte[] valueOrReset(HashAlgorithm bank, int index) {
        return get(bank, index).orElseGet(() -> resetValue(bank, index));
    }

    public static byte[] resetValue(HashAlgorithm bank, int index) {
        byte[] value = new byte[bank.digestSize()];
        if (index >= 17 && index <= 22) {
            java.util.Arrays.fill(value, (byte) 0xFF);
        }
        return value;
    }

    public Map<HashAlgorithm, SortedMap<Integer, byte[]>> banks() {
        return Collections.unmodifiableMap(banks);
    }

    /** {bank: {index: hex}}, banks and indexes in order, for reports. */
    public Map<String, Map<String, String>> toHex() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        banks.forEach((bank, values) -> {
            Map<String, String> hex = new LinkedHashMap<>();
            values.forEach((index, value) -> hex.put(Integer.toString(index), HexFormat.of().formatHex(value)));
            out.put(bank.bankName(), hex);
        });
        return out;
    }
}
