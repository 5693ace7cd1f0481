package io.aisprint.perf.aml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a campaign's output folder as aMLLibrary does — configuration.ini, configuration_enriched.ini,
 * data.csv, data_preprocessed.csv, results.txt, one model per technique and best, a {@code done}
 * flag — plus results.json, into a temporary sibling folder that is renamed into place only when
 * complete: a failed run leaves no half-written folder.
 */
public final class CampaignOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CampaignOutput() {
    }

    /** Refuses an output folder that already exists, as aMLLibrary does. */
    public static void checkAbsent(Path out) {
        if (Files.exists(out)) {
            throw new AmlException("output folder " + out + " already exists; choose another -o or remove it");
        }
    }

    public static void write(Campaign.Result result, Path out, double seconds) {
        checkAbsent(out);
        Path parent = out.toAbsolutePath().getParent();
        Path temp;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-");
        } catch (IOException e) {
            throw new AmlException("cannot create output folder " + out + ": " + e.getMessage());
        }
        try {
            Files.copy(result.config().file(), temp.resolve("configuration.ini"));
            Files.writeString(temp.resolve("configuration_enriched.ini"), enriched(result.config()));
            Files.copy(result.data().input(), temp.resolve("data.csv"));
            Files.writeString(temp.resolve("data_preprocessed.csv"), preprocessed(result.data()));
            Files.writeString(temp.resolve("results.txt"), resultsText(result, seconds));
            JSON.writeValue(temp.resolve("results.json").toFile(), resultsJson(result));
            for (Campaign.TechniqueResult t : result.techniques().values()) {
                JSON.writeValue(temp.resolve(t.technique() + ".json").toFile(), t.model().toJson());
            }
            JSON.writeValue(temp.resolve("best.json").toFile(), result.techniques().get(result.best()).model().toJson());
            Files.writeString(temp.resolve("done"), "");
            try {
                Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, out);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            if (e instanceof AmlException a) {
                throw a;
            }
            throw new AmlException("cannot write output folder " + out + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder is hidden (dot-prefixed) and named .partial
        }
    }

    private static String enriched(AmlConfig config) {
        StringBuilder s = new StringBuilder();
        Map<String, Map<String, String>> raw = config.rawValues();
        for (var section : raw.entrySet()) {
            s.append('[').append(section.getKey()).append("]\n");
            section.getValue().forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
            if (section.getKey().equals("General")) {
                if (!section.getValue().containsKey("run_num")) {
                    s.append("run_num = 1\n");
                }
                if (!section.getValue().containsKey("seed")) {
                    s.append("seed = 0\n");
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String preprocessed(Preparation.Prepared data) {
        StringBuilder s = new StringBuilder(",");
        s.append(String.join(",", data.features())).append(',').append(data.chain().y()).append('\n');
        for (int i = 0; i < data.y().length; i++) {
            s.append(i);
            for (double v : data.x()[i]) {
                s.append(',').append(v);
            }
            s.append(',').append(data.y()[i]).append('\n');
        }
        return s.toString();
    }

    private static String resultsText(Campaign.Result result, double seconds) {
        StringBuilder s = new StringBuilder();
        int pad = result.techniques().keySet().stream().mapToInt(String::length).max().orElse(0);
        s.append("-->MAPE for all techniques:\n");
        for (Campaign.TechniqueResult t : result.techniques().values()) {
            s.append(String.format(Locale.ROOT, "%-" + pad + "s: (Training %f - HP Selection %f) - Validation %f%n",
                    t.technique(), t.scores().trainMape(), t.scores().hpMape(), t.scores().validationMape()));
        }
        Campaign.TechniqueResult best = result.techniques().get(result.best());
        s.append(String.format(Locale.ROOT, "<--Overall best result is %s, with configuration %s%n", best.technique(),
                best.hyperparameters()));
        s.append("Metrics for best result:\n-->\n");
        s.append(String.format(Locale.ROOT, "MAPE: (Training %f - HP Selection %f) - Validation %f%n",
                best.scores().trainMape(), best.scores().hpMape(), best.scores().validationMape()));
        s.append(String.format(Locale.ROOT, "RMSE: Validation %f%nR^2 : Validation %f%n<--%n",
                best.scores().validationRmse(), best.scores().validationR2()));
        s.append("Validation metrics on full dataset for all techniques:\n");
        for (Campaign.TechniqueResult t : result.techniques().values()) {
            s.append(String.format(Locale.ROOT, "---%-" + pad + "s: MAPE %f - RMSE %f - R^2 %f%n", t.technique(),
                    t.fullData().validationMape(), t.fullData().validationRmse(), t.fullData().validationR2()));
        }
        s.append("Best models:\n-->\n");
        for (Campaign.TechniqueResult t : result.techniques().values()) {
            s.append(t.technique()).append(":\n---").append(t.model().describe()).append('\n');
        }
        s.append("<--\n");
        s.append(String.format(Locale.ROOT, "<--Execution Time : %.3f%n", seconds));
        return s.toString();
    }

    static ObjectNode resultsJson(Campaign.Result result) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("best", result.best());
        ObjectNode techniques = root.putObject("techniques");
        for (Campaign.TechniqueResult t : result.techniques().values()) {
            ObjectNode n = techniques.putObject(t.technique());
            n.put("train_mape", t.scores().trainMape());
            n.put("hp_selection_mape", t.scores().hpMape());
            n.put("validation_mape", t.scores().validationMape());
            n.put("rmse", t.scores().validationRmse());
            n.put("r2", t.scores().validationR2());
            n.set("hyperparameters", JSON.valueToTree(t.hyperparameters()));
            n.put("configurations", t.configurations());
            ObjectNode full = n.putObject("full_data");
            full.put("mape", t.fullData().validationMape());
            full.put("rmse", t.fullData().validationRmse());
            full.put("r2", t.fullData().validationR2());
            n.set("features", JSON.valueToTree(List.copyOf(t.model().features())));
        }
        return root;
    }
}
