package io.aisprint.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest (or says "development"). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = AisprintCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "aisprint " + (version == null ? "development build" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
