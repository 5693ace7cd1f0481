package io.aisprint.model;

/**
 * One thing wrong with an input, in user terms.
 *
 * @param file     the file it was found in (may be empty for whole-model problems)
 * @param location where in the file: a JSON pointer ({@code /Components/c1/s1}) or {@code line N}
 * @param message  what is wrong and what was expected
 */
public record Problem(String file, String location, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (file != null && !file.isEmpty()) {
            text.append(file);
        }
        if (location != null && !location.isEmpty()) {
            text.append(text.length() > 0 ? " " : "").append(location);
        }
        return (text.length() > 0 ? text + ": " : "") + message;
    }
}
