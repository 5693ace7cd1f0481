package io.aisprint.security.iot;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * How a requester proves who it is: it signs (Ethereum personal-message signature, secp256k1)
 * the method, path, time, a fresh nonce and the body's SHA-256, and sends them as headers. The
 * gateway recovers the signer's address and compares it with the claimed account.
 */
public final class SignedRequest {
    public static final String ACCOUNT = "X-Aisprint-Account";
    public static final String TIMESTAMP = "X-Aisprint-Timestamp";
    public static final String NONCE = "X-Aisprint-Nonce";
    public static final String SIGNATURE = "X-Aisprint-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A verified request: the account that signed it, its time and nonce. */
    public record Signer(String account, long timestampMillis, String nonce) {
    }

    private SignedRequest() {
    }

    static byte[] message(String method, String pathAndQuery, long timestampMillis, String nonce, byte[] body) {
        String text = "aisprint-iot-v1\n" + method + "\n" + pathAndQuery + "\n" + timestampMillis + "\n" + nonce + "\n"
            + HexFormat.of().formatHex(Hash.sha256(body));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The headers that sign this request as {@code credentials}. */
    public static Map<String, String> sign(Credentials credentials, String method, String pathAndQuery, long timestampMillis, byte[] body) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        Sign.SignatureData signature = Sign.signPrefixedMessage(message(method, pathAndQuery, timestampMillis, nonce, body), credentials.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ACCOUNT, credentials.getAddress());
        headers.put(TIMESTAMP, Long.toString(timestampMillis));
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, Numeric.toHexString(bytes));
        return headers;
    }

    /** Checks the signature headers (by name, case-insensitive lookup done by the caller) and returns the signer. */
    public static Signer verify(String account, String timestamp, String nonce, String signature, String method, String pathAndQuery, byte[] body) {
        if (account == null || timestamp == null || nonce == null || signature == null) {
            throw new IotException(IotException.Code.UNSIGNED, "the request is not signed; expected headers " + ACCOUNT + ", " + TIMESTAMP + ", " + NONCE + ", " + SIGNATURE);
        }
        String claimed = Accounts.address(account, ACCOUNT);
        long time;
        try {
            time = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new IotException(IotException.Code.BAD_SIGNATURE, TIMESTAMP + " '" + timestamp + "' is not milliseconds since the epoch");
        }
        if (!nonce.matches("[0-9a-f]{16,64}")) {
            throw new IotException(IotException.Code.BAD_SIGNATURE, NONCE + " must be 16-64 lower-case hex digits");
        }
        byte[] bytes;
        try {
            bytes = Numeric.hexStringToByteArray(signature);
        } catch (RuntimeException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 65) {
            throw new IotException(IotException.Code.BAD_SIGNATURE, SIGNATURE + " must be 65 bytes in hex (r, s, v)");
        }
        Sign.SignatureData data = new Sign.SignatureData(bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
        String recovered;
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(message(method, pathAndQuery, time, nonce, body), data);
            recovered = "0x" + Keys.getAddress(key);
        } catch (SignatureException | IllegalArgumentException e) {
            throw new IotException(IotException.Code.BAD_SIGNATURE, "the signature does not verify: " + e.getMessage());
        }
        if (!recovered.equalsIgnoreCase(claimed)) {
            throw new IotException(IotException.Code.BAD_SIGNATURE, "the signature is not " + claimed + "'s (the request or its signature was changed, or signed by another key)");
        }
        return new Signer(claimed, time, nonce);
    }
}
