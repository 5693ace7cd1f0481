package io.aisprint.security.boot;

/** The two TCG PC Client event log layouts. */
public enum EventLogFormat {
    /** Every record is a TCG_PCClientPCREvent with one SHA1 digest. */
    SHA1_LEGACY("sha1-legacy"),
    /** A Spec ID Event03 header, then TCG_PCR_EVENT2 records with one digest per bank. */
    CRYPTO_AGILE("crypto-agile");

    private final String label;

    EventLogFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
