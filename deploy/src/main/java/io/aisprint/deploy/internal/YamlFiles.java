package io.aisprint.deploy.internal;

import io.aisprint.deploy.DeployException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML as plain trees (maps, lists, strings, numbers, booleans), read and written the way PyYAML's
 * {@code safe_load}/{@code safe_dump} do: YAML 1.1 scalars, block style, keys sorted, two-space
 * indent. The AI-SPRINT tools are Python, and some of their outputs embed a dumped document as a
 * string (the QoS constraints of the monitoring recipe), so the text must match too.
 */
public final class YamlFiles {
    private YamlFiles() {
    }

    /** Reads a file as a tree; a missing or malformed file is a clear error naming it. */
    public static Object read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DeployException(DeployException.Code.UNREADABLE_INPUT, file.toString(), "", "the file does not exist");
        } catch (IOException e) {
            throw new DeployException(DeployException.Code.UNREADABLE_INPUT, file.toString(), "",
                    "cannot read the file (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    public static Object parse(String text, String fileName) {
        try {
            return loader().load(text);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : "line " + (e.getProblemMark().getLine() + 1);
            throw new DeployException(DeployException.Code.UNREADABLE_INPUT, fileName, where, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new DeployException(DeployException.Code.UNREADABLE_INPUT, fileName, "", "not valid YAML: " + e.getMessage());
        }
    }

    /** PyYAML {@code safe_dump(tree)}: sorted keys, block style, two-space indent, 80-column lines. */
    public static String dump(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(80);
        options.setSplitLines(true);
        Representer representer = new Representer(options);
        return new Yaml(new SafeConstructor(new LoaderOptions()), representer, options).dump(sorted(tree));
    }

    private static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private static Object sorted(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), sorted(value)));
            return copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return tree;
    }
}
