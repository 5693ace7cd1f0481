package io.aisprint.model.io;

import io.aisprint.model.Dag;
import io.aisprint.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The separate DAG text file of SPACE4AI-D format G1 ({@code DAG_Conf.txt}): one edge per line,
 * {@code from to probability}, separated by blanks; {@code #} starts a comment.
 */
record LegacyDag(String file, Dag dag, List<Problem> problems) {
    static final String DEFAULT_FILE_NAME = "DAG_Conf.txt";

    static LegacyDag read(Path file, String text) {
        List<Problem> problems = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        List<Dag.Edge> edges = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf('#');
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + (i + 1);
            String[] fields = line.split("\\s+");
            if (fields.length != 3) {
                problems.add(new Problem(file.toString(), where,
                        "expected 'from to probability' (three fields), found " + fields.length + " fields"));
                continue;
            }
            double probability;
            try {
                probability = Double.parseDouble(fields[2]);
            } catch (NumberFormatException e) {
                problems.add(new Problem(file.toString(), where, "expected a probability, found \"" + fields[2] + "\""));
                continue;
            }
            nodes.add(fields[0]);
            nodes.add(fields[1]);
            edges.add(new Dag.Edge(fields[0], fields[1], probability));
        }
        return new LegacyDag(file.toString(), new Dag(nodes, edges), List.copyOf(problems));
    }
}
