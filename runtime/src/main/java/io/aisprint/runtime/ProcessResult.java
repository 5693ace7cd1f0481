package io.aisprint.runtime;

/** What an external task's process did. */
public record ProcessResult(int exitCode, String stdout, String stderr) {
}
