package io.aisprint.security.iot;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Rejects a signed request whose time is outside a window around now, or whose (account, nonce)
 * was seen within that window. Nonces older than the window are forgotten: their requests would
 * fail the time check anyway, so memory stays bounded by the request rate times the window.
 */
public final class ReplayGuard {
    private final Clock clock;
    private final long windowMillis;
    private final Map<String, Long> seen = new HashMap<>();

    public ReplayGuard(Clock clock, Duration window) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    public synchronized void accept(SignedRequest.Signer signer) {
        long now = clock.millis();
        if (Math.abs(now - signer.timestampMillis()) > windowMillis) {
            throw new IotException(IotException.Code.REPLAYED, "the request's time is " + (now - signer.timestampMillis()) / 1000
                + " s away from the gateway's clock; accepted: within " + windowMillis / 1000 + " s\nMaybe the clock of the requester is off");
        }
        seen.values().removeIf(time -> now - time > 2 * windowMillis);
        if (seen.putIfAbsent(signer.account() + "/" + signer.nonce(), signer.timestampMillis()) != null) {
            throw new IotException(IotException.Code.REPLAYED, "nonce " + signer.nonce() + " of " + signer.account() + " was used before: replayed request");
        }
    }
}
