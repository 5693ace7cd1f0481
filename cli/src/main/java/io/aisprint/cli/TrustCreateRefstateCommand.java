package io.aisprint.cli;

import io.aisprint.security.TrustException;
import io.aisprint.security.boot.EventLogFiles;
import io.aisprint.security.boot.ReferenceState;
import io.aisprint.security.boot.ReferenceStates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aisprint trust create-refstate}: the reference state that accepts a known-good boot. */
@Command(name = "create-refstate", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = {
        "Build a Keylime-style reference state from the event log of a known-good boot: firmware",
        "(S-CRTM, platform blobs), Secure Boot keys (PK, KEK, db, dbx), MOK lists, shim, boot loader,",
        "kernel, initrd and kernel command line. Refuses a log with Secure Boot off unless",
        "--without-secureboot (as keylime create_mb_policy -i).",
    },
    footer = {
        "",
        "Example:",
        "  aisprint trust create-refstate binary_bios_measurements -o refstate.json",
        "",
        "Exit codes: 0 written, 1 refused (Secure Boot off), 2 unreadable or malformed log.",
    })
public final class TrustCreateRefstateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENTLOG")
    Path eventLog;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (atomically) instead of standard output")
    Path output;

    @Option(names = {"-i", "--without-secureboot"}, description = "accept a boot with Secure Boot disabled")
    boolean withoutSecureBoot;

    @Override
    public Integer call() throws IOException {
        try {
            ReferenceState state = ReferenceStates.create(EventLogFiles.read(eventLog), withoutSecureBoot);
            String json = ReferenceStates.toJson(state).toPrettyString() + "\n";
            if (output == null) {
                spec.commandLine().getOut().print(json);
            } else {
                Path temp = Files.createTempFile(output.toAbsolutePath().getParent(), ".refstate", ".tmp");
                Files.writeString(temp, json);
                Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return ExitCodes.OK;
        } catch (TrustException e) {
            return TrustCommand.report(e, false, spec);
        }
    }
}
