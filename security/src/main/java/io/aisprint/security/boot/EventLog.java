package io.aisprint.security.boot;

import java.util.List;
import java.util.OptionalInt;

/**
 * A parsed TCG PC Client event log.
 *
 * @param format the layout (legacy SHA1 or crypto-agile)
 * @param banks the PCR banks the log carries digests for (from the Spec ID event; SHA1 for legacy)
 * @param events every record in file order, the first (header) record included
 * @param startupLocality the locality byte of an EV_NO_ACTION "StartupLocality" event, if any
 */
public record EventLog(EventLogFormat format, List<HashAlgorithm> banks, List<TcgEvent> events, OptionalInt startupLocality) {
    public EventLog {
        banks = List.copyOf(banks);
        events = List.copyOf(events);
    }
}
