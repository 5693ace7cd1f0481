package io.aisprint.security.iot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

/** Reading and checking Ethereum accounts and private keys given by users. */
public final class Accounts {
    private Accounts() {
    }

    /** A 0x-prefixed 20-byte address, lower case; {@code where} names the input in the error. */
    public static String address(String text, String where) {
        String trimmed = text == null ? "" : text.trim();
        if (!WalletUtils.isValidAddress(trimmed) || !trimmed.startsWith("0x")) {
            throw new IotException(IotException.Code.INVALID_INPUT, where + ": '" + text + "' is not an Ethereum address (0x and 40 hex digits)");
        }
        return trimmed.toLowerCase(java.util.Locale.ROOT);
    }

    /** The private key in a file: 64 hex digits, with or without 0x, on the first line. */
    public static Credentials keyFile(Path file) {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (IOException e) {
            throw new IotException(IotException.Code.UNREADABLE, "cannot read the key file " + file + ": " + e.getMessage());
        }
        if (!WalletUtils.isValidPrivateKey(text)) {
            throw new IotException(IotException.Code.INVALID_INPUT, file + ": not a private key; expected 64 hex digits (optionally 0x-prefixed)");
        }
        return Credentials.create(text);
    }

    /** A new random account (for tests, benchmarks and 'aisprint iot' examples). */
    public static Credentials generate() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no secp256k1 key generator", e);
        }
    }
}
