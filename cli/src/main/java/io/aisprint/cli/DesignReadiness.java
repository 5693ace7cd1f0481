package io.aisprint.cli;

import io.aisprint.model.Problem;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.SystemSummary;
import io.aisprint.model.validate.Validator;
import java.util.List;

/**
 * Whether {@code design} can run on a valid input: the designer needs a performance model for
 * every compatible (partition, resource) pair, which a new AI-SPRINT application does not have.
 *
 * @param compatible the compatible (component, partition, resource) triples
 * @param missing    those without a performance model, as "component/partition on resource"
 */
record DesignReadiness(int compatible, List<String> missing) {
    private static final String NO_DECLARATION = "no performance declaration for partition ";

    static DesignReadiness of(SystemDescription system) {
        List<String> missing = Validator.validate(system, (subject, message) -> new Problem("", "", message), true).stream()
            .map(Problem::message)
            .filter(message -> message.startsWith(NO_DECLARATION))
            .map(DesignReadiness::pair)
            .toList();
        return new DesignReadiness(SystemSummary.of(system).compatiblePairs(), missing);
    }

    boolean ready() {
        return missing.isEmpty();
    }

    /** "no performance declaration for partition P of C on R; ..." as "C/P on R". */
    private static String pair(String message) {
        String rest = message.substring(NO_DECLARATION.length(), message.indexOf(';') < 0 ? message.length() : message.indexOf(';'));
        int of = rest.indexOf(" of ");
        int on = rest.lastIndexOf(" on ");
        return of < 0 || on < of ? rest : rest.substring(of + 4, on) + "/" + rest.substring(0, of) + rest.substring(on);
    }
}
