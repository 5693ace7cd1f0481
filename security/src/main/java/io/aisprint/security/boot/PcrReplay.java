package io.aisprint.security.boot;

/**
 * Recomputes the PCRs an event log claims: {@code PCR_new = H(PCR_old || digest)} per bank, in
 * log order, from the reset value. EV_NO_ACTION records are never extended; a StartupLocality
 * record makes PCR0 start at {@code 00..0L} (the locality the S-CRTM ran in).
 */
public final class PcrReplay {
    private PcrReplay() {
    }

    public static PcrValues replay(EventLog log) {
        PcrValues values = new PcrValues();
        for (TcgEvent event : log.events()) {
            if (event.isNoAction()) {
                continue;
            }
            event.digests().forEach((bank, digest) -> {
                byte[] current = values.get(bank, event.pcrIndex()).orElseGet(() -> startValue(log, bank, event.pcrIndex()));
                values.put(bank, event.pcrIndex(), bank.hash(current, digest));
            });
        }
        return values;
    }

    private static byte[] startValue(EventLog log, HashAlgorithm bank, int index) {
        byte[] value = PcrValues.resetValue(bank, index);
        if (index == 0 && log.startupLocality().isPresent()) {
            value[value.length - 1] = (byte) log.startupLocality().getAsInt();
        }
        return value;
    }
}
