package io.aisprint.perf.aml;

import java.util.Map;
import org.tribuo.Trainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.libsvm.LibSVMRegressionTrainer;
import org.tribuo.regression.libsvm.SVMRegressionType;

/**
 * sklearn's SVR is LIBSVM's ε-SVR; so is Tribuo's LibSVM trainer: C, epsilon, kernel, degree,
 * gamma (numbers, or sklearn's 'scale' = 1/(p·Var X) and 'auto' = 1/p), coef0 = 0.
 */
final class SvrLearner extends TribuoLearner {
    @Override
    Trainer<Regressor> trainer(double[][] x, Map<String, Object> hyper, long seed) {
        KernelType kernel = switch (Hyper.text(hyper, "kernel", "rbf")) {
            case "linear" -> KernelType.LINEAR;
            case "poly" -> KernelType.POLY;
            case "rbf" -> KernelType.RBF;
            case "sigmoid" -> KernelType.SIGMOID;
            default -> throw new AmlException("kernel '" + hyper.get("kernel")
                    + "' is not supported; expected linear, poly, rbf or sigmoid");
        };
        SVMParameters<Regressor> params = new SVMParameters<>(
                new SVMRegressionType(SVMRegressionType.SVMMode.EPSILON_SVR), kernel);
        params.setCost(Hyper.number(hyper, "C", 1.0));
        params.setEpsilon(Hyper.number(hyper, "epsilon", 0.1));
        params.setDegree(Hyper.integer(hyper, "degree", 3));
        params.setCoeff(0.0);
        params.setGamma(gamma(hyper.get("gamma"), x));
        return new LibSVMRegressionTrainer(params, false, seed);
    }

    static double gamma(Object value, double[][] x) {
        int p = x[0].length;
        if (value == null || "scale".equals(value)) {
            double mean = 0;
            int count = 0;
            for (double[] row : x) {
                for (double v : row) {
                    mean += v;
                    count++;
                }
            }
            mean /= count;
            double var = 0;
            for (double[] row : x) {
                for (double v : row) {
                    var += (v - mean) * (v - mean);
                }
            }
            var /= count;
            return var == 0 ? 1.0 : 1.0 / (p * var);
        }
        if ("auto".equals(value)) {
            return 1.0 / p;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new AmlException("gamma '" + value + "' is not supported; expected a number, scale or auto");
    }
}
