package io.aisprint.perf.aml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** One regression technique: fits rows {@code x} (row-major) to {@code y} under hyper-parameters. */
interface Learner {
    Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed);

    /** A trained model: predicts and writes itself into the portable model file. */
    interface Fitted {
        double[] predict(double[][] x);

        /** The technique-specific part of the model file ({@code "model"} object). */
        ObjectNode save();

        /** One line describing the model, as aMLLibrary's print_model (coefficients for linear models). */
        String describe(java.util.List<String> features);
    }
}
