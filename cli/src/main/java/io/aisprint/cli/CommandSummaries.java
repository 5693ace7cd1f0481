package io.aisprint.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The "Commands:" list of every command with sub-commands shows each one's first whole sentence.
 * picocli would show the first description line, which our descriptions wrap mid-sentence
 * ("... one deployment per"); deriving the summary here keeps every command, present or
 * added later, readable without a second copy of its summary.
 */
final class CommandSummaries {
    private static final int WIDTH = 100;
    private static final int NAME_COLUMN = 2;

    private CommandSummaries() {
    }

    /** Installs the list renderer on this command line and every nested one. */
    static void install(CommandLine commandLine) {
        if (!commandLine.getSubcommands().isEmpty()) {
            commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                help -> render(commandLine.getSubcommands()));
        }
        commandLine.getSubcommands().values().stream().distinct().forEach(CommandSummaries::install);
    }

    /** The first sentence of a command's header, or else of its description (up to its first blank line). */
    static String summary(CommandSpec spec) {
        String[] lines = spec.usageMessage().header().length > 0 ? spec.usageMessage().header() : spec.usageMessage().description();
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                break;
            }
            String trimmed = line.trim();
            if (trimmed.endsWith(":")) {
                // A lead-in to a list ("Generate ... as toscarizer does:") is the summary itself.
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(trimmed, 0, trimmed.length() - 1).append('.');
                break;
            }
            paragraph.append(paragraph.length() == 0 ? "" : " ").append(trimmed);
        }
        String text = paragraph.toString();
        int end = sentenceEnd(text);
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static int sentenceEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')
                && !abbreviationBefore(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean abbreviationBefore(String text, int dot) {
        int start = text.lastIndexOf(' ', dot) + 1;
        String word = text.substring(start, dot + 1);
        return java.util.Set.of("e.g.", "i.e.", "al.", "vs.", "cf.").contains(word) || word.equals("etc.") && dot + 1 < text.length();
    }

    private static String render(Map<String, CommandLine> subcommands) {
        List<CommandSpec> specs = new ArrayList<>();
        subcommands.values().stream().distinct().forEach(sub -> specs.add(sub.getCommandSpec()));
        int nameWidth = specs.stream().mapToInt(spec -> spec.name().length()).max().orElse(0);
        int textColumn = NAME_COLUMN + nameWidth + 2;
        StringBuilder out = new StringBuilder();
        for (CommandSpec spec : specs) {
            out.append(" ".repeat(NAME_COLUMN)).append(spec.name()).append(" ".repeat(nameWidth - spec.name().length() + 2));
            wrap(summary(spec), textColumn, out);
        }
        return out.toString();
    }

    private static void wrap(String text, int indent, StringBuilder out) {
        int column = indent;
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && column + 1 + word.length() > WIDTH) {
                out.append(System.lineSeparator()).append(" ".repeat(indent + 2));
                column = indent + 2;
                first = true;
            }
            if (!first) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
            first = false;
        }
        out.append(System.lineSeparator());
    }
}
