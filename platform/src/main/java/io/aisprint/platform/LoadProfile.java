package io.aisprint.platform;

import io.aisprint.model.io.UnknownKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arrival rate over time: a step function of (start time in application seconds, λ in
 * requests per second), the first step starting at 0.
 *
 * <p>File format (CSV, {@code #} comments and a {@code time_s,lambda} header allowed; a header with
 * other column names is an error):
 * <pre>
 * time_s,lambda
 * 0,2
 * 20,4
 * </pre>
 */
public record LoadProfile(List<Step> steps) {
    private static final List<String> HEADER = List.of("time_s", "lambda");

    /** From {@code start} seconds on, requests arrive at {@code lambda} per second. */
    public record Step(double start, double lambda) {
    }

    public LoadProfile {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new PlatformException("a load profile needs at least one step");
        }
        if (steps.get(0).start() != 0.0) {
            throw new PlatformException("a load profile must start at time 0, its first step starts at " + steps.get(0).start());
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!(step.lambda() >= 0) || Double.isInfinite(step.lambda())) {
                throw new PlatformException("load profile step " + (i + 1) + ": λ must be a number ≥ 0, got " + step.lambda());
            }
            if (i > 0 && !(step.start() > steps.get(i - 1).start())) {
                throw new PlatformException("load profile step " + (i + 1) + ": times must increase, got " + step.start()
                        + " after " + steps.get(i - 1).start());
            }
        }
    }

    public static LoadProfile constant(double lambda) {
        return new LoadProfile(List.of(new Step(0, lambda)));
    }

    /** λ at {@code time} application seconds. */
    public double lambdaAt(double time) {
        double lambda = steps.get(0).lambda();
        for (Step step : steps) {
            if (step.start() <= time) {
                lambda = step.lambda();
            }
        }
        return lambda;
    }

    public double maximum() {
        return steps.stream().mapToDouble(Step::lambda).max().orElse(0);
    }

    /** Reads the CSV format above; every problem names the file and line. */
    public static LoadProfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new PlatformException("cannot read the load profile " + file + ": " + e.getMessage(), e);
        }
        List<Step> steps = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("[,;\\s]+");
            if (first && !startsWithNumber(line)) {
                checkHeader(file, i + 1, cells);
                first = false;
                continue;
            }
            first = false;
            if (cells.length != 2) {
                throw new PlatformException(file + " line " + (i + 1) + ": expected 'time_s,lambda' (two numbers), got '" + line + "'");
            }
            try {
                steps.add(new Step(Double.parseDouble(cells[0]), Double.parseDouble(cells[1])));
            } catch (NumberFormatException e) {
                throw new PlatformException(file + " line " + (i + 1) + ": expected two numbers 'time_s,lambda', got '" + line + "'");
            }
        }
        try {
            return new LoadProfile(steps);
        } catch (PlatformException e) {
            throw new PlatformException(file + ": " + e.getMessage());
        }
    }

    private static boolean startsWithNumber(String line) {
        char c = line.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
    }

    /** The header names the two columns; a misspelled one ({@code lamda}) is an error, not a skipped line. */
    private static void checkHeader(Path file, int lineNumber, String[] cells) {
        if (cells.length != HEADER.size()) {
            throw new PlatformException(file + " line " + lineNumber + ": expected the header 'time_s,lambda' (two columns), got '"
                    + String.join(",", cells) + "'");
        }
        for (int column = 0; column < cells.length; column++) {
            String name = cells[column].toLowerCase(Locale.ROOT);
            if (!name.equals(HEADER.get(column))) {
                String message = HEADER.contains(name)
                        ? "column " + (column + 1) + " must be \"" + HEADER.get(column) + "\", found \"" + cells[column]
                                + "\"; expected the header 'time_s,lambda'"
                        : UnknownKeys.message(cells[column], HEADER);
                throw new PlatformException(file + " line " + lineNumber + ": " + message);
            }
        }
    }
}
