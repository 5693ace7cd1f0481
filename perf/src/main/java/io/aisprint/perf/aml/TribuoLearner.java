package io.aisprint.perf.aml;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Runs a Tribuo regression trainer on our row-major matrices. Models are stored in the model file
 * as Tribuo's own protobuf ({@code Model.serialize()}), base64-encoded, so any Tribuo 4.3 reader
 * can load them.
 */
abstract class TribuoLearner implements Learner {
    private static final RegressionFactory FACTORY = new RegressionFactory();

    abstract Trainer<Regressor> trainer(double[][] x, Map<String, Object> hyper, long seed);

    @Override
    public Fitted fit(double[][] x, double[] y, Map<String, Object> hyper, long seed) {
        String[] names = names(x[0].length);
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("aisprint-perf", FACTORY),
                FACTORY);
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Regressor("y", y[i]), names, x[i].clone()));
        }
        Model<Regressor> model = trainer(x, hyper, seed).train(data);
        return new TribuoFitted(model);
    }

    static String[] names(int p) {
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = String.format("f%05d", j);
        }
        return names;
    }

    record TribuoFitted(Model<Regressor> model) implements Fitted {
        @Override
        public double[] predict(double[][] x) {
            String[] names = names(x.length == 0 ? 0 : x[0].length);
            List<Example<Regressor>> examples = new ArrayList<>(x.length);
            for (double[] row : x) {
                examples.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, row.clone()));
            }
            var predictions = model.predict(examples);
            double[] out = new double[x.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = predictions.get(i).getOutput().getValues()[0];
            }
            return out;
        }

        @Override
        public ObjectNode save() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("kind", "tribuo");
            node.put("tribuo_model_proto", Base64.getEncoder().encodeToString(model.serialize().toByteArray()));
            return node;
        }

        @SuppressWarnings("unchecked")
        static TribuoFitted load(ObjectNode node) {
            try {
                byte[] bytes = Base64.getDecoder().decode(node.get("tribuo_model_proto").asText());
                return new TribuoFitted((Model<Regressor>) Model.deserialize(ModelProto.parseFrom(bytes)));
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                throw new AmlException("the Tribuo model in the model file is damaged: " + e.getMessage());
            }
        }

        @Override
        public String describe(List<String> features) {
            return model.getClass().getSimpleName() + " (Tribuo)";
        }
    }
}
