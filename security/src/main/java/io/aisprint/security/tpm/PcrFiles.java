package io.aisprint.security.tpm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.boot.HashAlgorithm;
import io.aisprint.security.boot.PcrValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PCR values: JSON {@code {"sha256": {"0": "hex", ...}}} (what verify-boot prints) or the
 * text tpm2_pcrread prints ({@code sha256:} then {@code   0 : 0x...} lines).
 */
public final class PcrFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BANK = Pattern.compile("^\\s*(\\w+):\\s*$");
    private static final Pattern VALUE = Pattern.compile("^\\s+(\\d+)\\s*:\\s*(?:0x)?([0-9A-Fa-f]+)\\s*$");

    private PcrFiles() {
    }

    public static PcrValues parse(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        return text.startsWith("{") ? parseJson(text, source) : parsePcrRead(text, source);
    }

    private static PcrValues parseJson(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw error(source, "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        PcrValues values = new PcrValues();
        // verify-boot --json output carries the values under "pcrs"; accept it as it is.
        JsonNode banks = root.has("pcrs") ? root.get("pcrs") : root;
        banks.fields().forEachRemaining(bank -> {
            HashAlgorithm algorithm = bank(source, bank.getKey());
            bank.getValue().fields().forEachRemaining(pcr -> put(values, source, algorithm, pcr.getKey(), pcr.getValue().asText()));
        });
        return values;
    }

    private static PcrValues parsePcrRead(String text, String source) {
        PcrValues values = new PcrValues();
        HashAlgorithm current = null;
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            Matcher bank = BANK.matcher(line);
            Matcher value = VALUE.matcher(line);
            if (bank.matches()) {
                current = bank(source + ":" + lineNumber, bank.group(1));
            } else if (value.matches() && current != null) {
                put(values, source + ":" + lineNumber, current, value.group(1), value.group(2));
            } else if (!line.isBlank()) {
                throw error(source + ":" + lineNumber, "expected 'BANK:' or '  INDEX : 0xHEX', got '" + line.strip() + "'");
            }
        }
        return values;
    }

    private static void put(PcrValues values, String where, HashAlgorithm bank, String index, String hex) {
        int pcr;
        try {
            pcr = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw error(where, "PCR index '" + index + "' is not a number");
        }
        String bare = hex.toLowerCase(Locale.ROOT).startsWith("0x") ? hex.substring(2) : hex;
        if (pcr < 0 || pcr >= PcrValues.PCR_COUNT || bare.length() != 2 * bank.digestSize() || !bare.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw error(where, bank.bankName() + " PCR " + index + ": expected index 0..23 and " + bank.digestSize() + " bytes of hex");
        }
        values.put(bank, pcr, HexFormat.of().parseHex(bare));
    }

    private static HashAlgorithm bank(String where, String name) {
        return HashAlgorithm.byBankName(name).orElseThrow(() -> error(where, "unknown PCR bank '" + name + "'; expected sha1, sha256, sha384, sha512"));
    }

    private static TrustException error(String where, String message) {
        return new TrustException(TrustErrorCode.TPM_STRUCTURE_MALFORMED, where + ": " + message);
    }
}
